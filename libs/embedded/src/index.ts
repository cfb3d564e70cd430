export * from './embedded-postgres.server.js';
