export * from './job-queue.js';
export * from './outbox-relay.js';
export * from './outbox-handler.js';
export * from './outbox-worker.js';
export * from './outbox.module.js';
