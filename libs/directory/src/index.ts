export * from './reference-data.service.js';
export * from './demo-directory.js';
export * from './directory.module.js';
