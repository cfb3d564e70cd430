export * from './platform.js';
export * from './shutdown.js';
