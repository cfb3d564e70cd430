import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { CountryEntity } from '../entities/country.entity.js';
import { UserEntity } from '../entities/user.entity.js';

export type NewUser = Omit<UserEntity, 'id' | 'createdAt'>;

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.db.managerOf().getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: string, tx?: Transaction): Promise<UserEntity | null> {
    return this.db.managerOf(tx).getRepository(UserEntity).findOneBy({ id });
  }

  /** Creates the user, or leaves an existing one with that e-mail as it is. */
  async ensure(user: NewUser): Promise<UserEntity> {
    await this.db
      .managerOf()
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ ...user, email: user.email.toLowerCase() })
      .orIgnore()
      .execute();
    return (await this.findByEmail(user.email))!;
  }
}

@Injectable()
export class CountriesRepository {
  constructor(private readonly db: Database) {}

  /** Brings the countries table in line with the reviewed profile data. */
  async upsert(countries: CountryEntity[]): Promise<void> {
    await this.db.managerOf().getRepository(CountryEntity).upsert(countries, ['code']);
  }

  list(): Promise<CountryEntity[]> {
    return this.db.managerOf().getRepository(CountryEntity).find({ order: { code: 'ASC' } });
  }

  exists(code: CountryCode): Promise<boolean> {
    return this.db.managerOf().getRepository(CountryEntity).existsBy({ code });
  }
}
