export * from './notify-parties.handler.js';
export * from './notifications.service.js';
export * from './notifications.module.js';
