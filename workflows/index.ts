export * from './request/request.types.js';
export * from './request/request.events.js';
export * from './request/request-conditions.js';
export * from './request/request-permissions.js';
export * from './request/request.machine.js';
export * from './request/request-workflow.js';
export * from './request/request-diagram.js';
export * from './rules/index.js';
