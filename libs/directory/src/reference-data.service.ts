import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CountriesRepository } from '@enlace/persistence';
import { COUNTRY_PROFILES } from '@enlace/workflows';

/** Keeps the countries table in line with the reviewed profile file, at every start. */
@Injectable()
export class ReferenceDataService implements OnModuleInit {
  constructor(private readonly countries: CountriesRepository) {}

  async onModuleInit(): Promise<void> {
    await this.countries.upsert(
      COUNTRY_PROFILES.map((p) => ({ code: p.code, name: p.name.es, languages: [...p.languages.accepted] })),
    );
  }
}
