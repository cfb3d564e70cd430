import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CountryCode, Language } from '@enlace/workflows';

@Entity({ name: 'countries' })
export class CountryEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code: CountryCode;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  languages: Language[];
}
