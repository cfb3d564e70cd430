export * from './document-scheduler.js';
export * from './document-storage.js';
export * from './document-renderer.js';
export * from './view-model.builder.js';
export * from './render-document.handler.js';
export * from './documents.service.js';
export * from './documents.module.js';
export * from './public-verification.service.js';
