export * from './principal.js';
export * from './password-hasher.js';
export * from './token.service.js';
export * from './auth.service.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './sign-in-throttle.js';
export * from './sign-in-throttle.policy.js';
