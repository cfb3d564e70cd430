export * from './cms.js';
export * from './pdf-seal.js';
export * from './seal-authority.js';
export * from './office-seals.js';
export * from './seal.module.js';
