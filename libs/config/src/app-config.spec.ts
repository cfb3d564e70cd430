import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig: where PDFs render', () => {
  it('renders in lower-priority processes when everything runs in one process, in threads beside a production API', () => {
    expect(loadConfig({})).toMatchObject({ mode: 'embedded', renderProcesses: true, renderNice: 10, renderThreads: 1 });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/enlace' })).toMatchObject({ mode: 'external', renderProcesses: false });
    expect(loadConfig({ ENLACE_RENDER_PROCESSES: 'false', ENLACE_RENDER_NICE: '19' })).toMatchObject({ renderProcesses: false, renderNice: 19 });
  });

  it('refuses a setting it cannot read, naming it', () => {
    expect(() => loadConfig({ ENLACE_RENDER_PROCESSES: 'yes' })).toThrow(new ConfigError('ENLACE_RENDER_PROCESSES must be true or false, got "yes"'));
    expect(() => loadConfig({ ENLACE_RENDER_NICE: '20' })).toThrow(ConfigError);
    expect(() => loadConfig({ ENLACE_RENDER_NICE: '20' })).toThrow(/ENLACE_RENDER_NICE/);
  });
});
