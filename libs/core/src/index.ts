export * from './domain-error.js';
export * from './clock.js';
export * from './canonical-json.js';
export * from './core.module.js';
export * from './unavailability.js';
export * from './unsafe-text.js';
export * from './periodic.js';
export * from './spoken-duration.js';
