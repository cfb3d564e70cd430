export * from './informal-exchanges.js';
export * from './message-access.js';
export * from './messages.service.js';
export * from './informal-exchanges.enricher.js';
export * from './messages.module.js';
