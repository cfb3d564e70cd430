import { AccessLogRepository, Database, DirectoryHistoryRepository, HistoryRepository } from '@enlace/persistence';

export interface AuditReport {
  /** 0 when every chain verifies, 1 when one does not. */
  code: 0 | 1;
  /** What to print: stdout when all verify, stderr otherwise. */
  message: string;
}

/**
 * Walks every hash chain the platform keeps as evidence (each request's history, the access log, and
 * the directory of liaisons' history) and names the first row that does not match.
 */
export async function verifyAuditChains(db: Database): Promise<AuditReport> {
  const requests = await new HistoryRepository(db).verifyAll();
  if (requests.firstBreak) {
    const row = requests.firstBreak;
    return {
      code: 1,
      message:
        `audit:verify FAILED after ${requests.checked} good rows: history row id=${row.id} ` +
        `(request ${row.requestId}, seq ${row.seq}) does not match: ${row.problem}`,
    };
  }
  const access = await new AccessLogRepository(db).verifyAll();
  if (access.firstBreak) {
    const row = access.firstBreak;
    return {
      code: 1,
      message: `audit:verify FAILED after ${access.checked} good rows: access_log row id=${row.id} (seq ${row.seq}) does not match: ${row.problem}`,
    };
  }
  const directory = await new DirectoryHistoryRepository(db).verifyAll();
  if (directory.firstBreak) {
    const row = directory.firstBreak;
    return {
      code: 1,
      message:
        `audit:verify FAILED after ${directory.checked} good rows: directory_history row id=${row.id} ` +
        `(user ${row.userId}, seq ${row.seq}) does not match: ${row.problem}`,
    };
  }
  return {
    code: 0,
    message:
      `audit:verify OK: ${requests.checked} history rows, every chain intact; ` +
      `${access.checked} access log rows, chain intact; ` +
      `${directory.checked} directory history rows, chain intact`,
  };
}
