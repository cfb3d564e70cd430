export * from './job-catalogue.js';
export * from './queue-connection.js';
