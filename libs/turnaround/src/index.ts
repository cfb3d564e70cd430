export * from './stages.js';
export * from './stage-clock.service.js';
export * from './overdue.service.js';
export * from './deadline-alarm.handler.js';
export * from './deadline-sweeper.js';
export * from './turnaround-report.js';
export * from './turnaround.service.js';
export * from './turnaround.module.js';
