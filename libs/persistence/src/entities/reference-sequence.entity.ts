import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last number given to a request of a requesting country in a year (GT-MX-2026-000123). */
@Entity({ name: 'reference_sequences' })
export class ReferenceSequenceEntity {
  @PrimaryColumn({ name: 'requesting_country', type: 'char', length: 2 })
  requestingCountry: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue: number;
}
