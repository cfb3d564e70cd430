import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A country's figures by measure read its open visits from the index alone. The open visits of a
 * country are read through request_stages_open_requesting_idx and _requested_idx (1764300000410), which
 * lacked the visits' kinds of measure: by measure, PostgreSQL walked every open visit of the platform
 * by request instead (request_stages_open_key) and read each one's row from the table (GT by measure
 * at a million requests: 20,000 open visits, 3.3 s). The same indexes with measure_types: as many
 * index entries as before for a visit opened, each wider by its array of kinds of measure (building
 * both at a million requests took seconds). Wider, they no longer tempt PostgreSQL for the region's
 * open visits, which the figures read in entry order (TurnaroundRepository, scopedFrom).
 */
/**
 * The two indexes, with or without the kinds of measure, and with the time entered as a key (each entry hour of a
 * stage a range of the index: 1764300003000) or only included.
 */
const OPEN_INDEXES = (measures: boolean, enteredKey = false) =>
  (['requesting', 'requested'] as const).map((side) => {
    const other = side === 'requesting' ? 'requested' : 'requesting';
    const keys = [`${side}_country`, 'stage', ...(enteredKey ? ['entered_at'] : [])];
    const included = [...(enteredKey ? [] : ['entered_at']), 'due_at', `${other}_country`, ...(measures ? ['measure_types'] : [])];
    return {
      name: `request_stages_open_${side}_idx`,
      on: `(${keys.join(', ')}) INCLUDE (${included.join(', ')}) WHERE exited_at IS NULL${side === 'requested' ? ' AND transmitted' : ''}`,
    };
  });

/**
 * Each new index is built beside the old one under another name (CREATE INDEX holds a lock that lets
 * reads go on), then the old one is dropped and the new one takes its name: the lock that stops reads
 * of request_stages is held only for those last instants, not through the builds (seconds at a million
 * requests). One statement per call, so that each has the service's statement bound to itself.
 */
export async function rebuildOpenIndexes(db: QueryRunner, measures: boolean, enteredKey = false): Promise<void> {
  for (const index of OPEN_INDEXES(measures, enteredKey)) await db.query(`CREATE INDEX ${index.name}_next ON request_stages ${index.on}`);
  for (const index of OPEN_INDEXES(measures, enteredKey)) {
    await db.query(`DROP INDEX ${index.name}`);
    await db.query(`ALTER INDEX ${index.name}_next RENAME TO ${index.name}`);
  }
}

export class OpenVisitsMeasures1764300002900 implements MigrationInterface {
  name = 'OpenVisitsMeasures1764300002900';

  async up(db: QueryRunner): Promise<void> {
    await rebuildOpenIndexes(db, true);
  }

  async down(db: QueryRunner): Promise<void> {
    await rebuildOpenIndexes(db, false);
  }
}
