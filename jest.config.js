// Jest runs the TypeScript sources as native ES modules (NestJS 12 ships ESM only), compiled by SWC
// with the same .swcrc as the build, so tests see exactly what `npm start` runs.
const swc = ['@swc/jest', { swcrc: true, module: { type: 'es6' } }];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.tsx?$': swc,
    // @fastify/static 10 and light-my-request (CommonJS) require content-disposition 3 and cookie 2 (ESM only). Node 20 cannot
    // require() ESM inside Jest's module system (24.9+ can), so compile those packages to CommonJS.
    '/node_modules/(content-disposition|cookie)/.+\\.js$': ['@swc/jest', { swcrc: false, jsc: { target: 'es2023' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleNameMapper: {
    '^@enlace/workflows$': '<rootDir>/workflows/index.ts',
    '^@enlace/templates$': '<rootDir>/templates/index.ts',
    '^@enlace/pages$': '<rootDir>/templates/pages/index.ts',
    '^@enlace/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,workflows,templates}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // BullMQ's PostgreSQL backend keeps a LISTEN connection that can outlive a closed worker by a few
  // seconds; a run must end when its tests have, never hang CI.
  forceExit: true,
};
