export * from './embedded-postgres.server.js';
export * from './runtime.js';
