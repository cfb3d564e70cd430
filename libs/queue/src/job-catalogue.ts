/**
 * Every job the platform runs, and the queue it runs on. Payloads carry ids only: case data never
 * sits in Redis (or in the queue tables); a processor loads what it needs from PostgreSQL.
 */
export enum JobName {
  RenderDocument = 'render-document',
  NotifyParties = 'notify-parties',
  /** A stage's deadline has come: mark the request overdue if it is still there (libs/turnaround). */
  DeadlineAlarm = 'deadline-alarm',
}

export enum QueueName {
  Documents = 'documents',
  Notifications = 'notifications',
  Deadlines = 'deadlines',
}

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.RenderDocument]: QueueName.Documents,
  [JobName.NotifyParties]: QueueName.Notifications,
  [JobName.DeadlineAlarm]: QueueName.Deadlines,
};

/** The one payload shape: the outbox row that decided the job, which is also the job's id. */
export interface JobData {
  outboxId: string;
}

export const isJobName = (name: string): name is JobName => (Object.values(JobName) as string[]).includes(name);
