export * from './request-representation.js';
export * from './workflow-runner.js';
export * from './requests.service.js';
export * from './requests.module.js';
export * from './field-enrichers.js';
export * from './idempotent-answers.js';
export * from './annexes.service.js';
export * from './cases.service.js';
