export * from './access-log.js';
export * from './metrics.js';
export * from './observability.module.js';
