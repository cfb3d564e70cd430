import { readFileSync } from 'node:fs';
import { requestStateDiagram } from '@enlace/workflows';

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('shows the state diagram the machine has now', () => {
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1];
    // On failure, paste requestStateDiagram()'s output into the README's mermaid block.
    expect(block).toBe(requestStateDiagram());
  });

  it('gives exactly the two quick-start command lines', () => {
    const quickStart = /## Quick start[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(quickStart?.trim().split('\n')).toEqual(['npm install && npm start', 'npm test']);
  });

  it("says where the API listens unless HOST is set, in each mode (loadConfig's defaults)", () => {
    const host = /`HOST` \(([^)]*)\)/.exec(readme.replace(/\s+/g, ' '))?.[1];
    expect(host).toContain('`127.0.0.1` with `npm start`');
    expect(host).toContain('`0.0.0.0`, with `DATABASE_URL` set');
  });
});
