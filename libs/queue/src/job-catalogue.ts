/**
 * Every job the platform runs, and the queue it runs on. Payloads carry ids only: case data never
 * sits in Redis (or in the queue tables); a processor loads what it needs from PostgreSQL.
 */
export enum JobName {
  RenderDocument = 'render-document',
  NotifyParties = 'notify-parties',
}

export enum QueueName {
  Documents = 'documents',
  Notifications = 'notifications',
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RenderDocument]: QueueName.Documents,
  [JobName.NotifyParties]: QueueName.Notifications,
};

/** The one payload shape: the outbox row that decided the job, which is also the job's id. */
export interface JobData {
  outboxId: string;
}

export const isJobName = (name: string): name is JobName => (Object.values(JobName) as string[]).includes(name);
