export * from './liaison-lifecycle.js';
export * from './liaisons.service.js';
export * from './liaison-expiry.sweep.js';
export * from './liaisons.module.js';
