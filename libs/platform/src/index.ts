export * from './platform.js';
export * from './shutdown.js';
export * from './dependency-monitor.js';
