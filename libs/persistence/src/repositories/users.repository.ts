import { Injectable } from '@nestjs/common';
import type { CountryCode } from '@enlace/workflows';
import { Database, type Transaction } from '../database.js';
import { CountryEntity } from '../entities/country.entity.js';
import { UserEntity } from '../entities/user.entity.js';

export type NewUser = Omit<UserEntity, 'id' | 'createdAt' | 'sessionGeneration' | 'disabledAt' | 'totpEnabledAt' | 'post'> & { post?: string | null };

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.db.managerOf().getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: string, tx?: Transaction): Promise<UserEntity | null> {
    return this.db.managerOf(tx).getRepository(UserEntity).findOneBy({ id });
  }

  /** Ends every session of the user open until now (logout): tokens of an older generation are refused. */
  async raiseSessionGeneration(id: string, tx?: Transaction): Promise<void> {
    await this.db.managerOf(tx).query('UPDATE users SET session_generation = session_generation + 1 WHERE id = $1', [id]);
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
