export * from './reference-views.js';
export * from './legal-bases.service.js';
export * from './legal-bases.module.js';
