import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Note numbers: each office numbers the notes it signs in a yearly sequence, as a cancillería's
 * registry does. The number is taken in the transaction that records the document, from a row
 * locked until commit: a rolled-back step gives its number back (no gap), and two offices' clerks
 * never share one (the unique key). `post`: what a signer is, as the signature block prints it.
 */
export class NoteNumbers1764300001400 implements MigrationInterface {
  name = 'NoteNumbers1764300001400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE note_sequences (
        office_id text NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL CHECK (last_value > 0),
        PRIMARY KEY (office_id, year)
      );
      ALTER TABLE documents
        ADD COLUMN office_id text,
        ADD COLUMN note_year integer,
        ADD COLUMN note_number integer,
        ADD CONSTRAINT documents_note_number_key UNIQUE (office_id, note_year, note_number),
        ADD CONSTRAINT documents_note_complete CHECK ((note_number IS NULL) = (note_year IS NULL) AND (note_number IS NULL OR office_id IS NOT NULL));
      ALTER TABLE users ADD COLUMN post text;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users DROP COLUMN post;
      ALTER TABLE documents DROP CONSTRAINT documents_note_complete, DROP CONSTRAINT documents_note_number_key,
        DROP COLUMN note_number, DROP COLUMN note_year, DROP COLUMN office_id;
      DROP TABLE note_sequences;
    `);
  }
}
