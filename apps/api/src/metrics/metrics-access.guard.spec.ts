import type { ExecutionContext } from '@nestjs/common';
import { loadConfig } from '@enlace/config';
import { DomainError } from '@enlace/core';
import { MetricsAccessGuard } from './metrics-access.guard.js';

const TOKEN = 'a-metrics-token-of-32-characters';

function call(env: Record<string, string>, ip: string, authorization?: string): string {
  const guard = new MetricsAccessGuard(loadConfig(env));
  const request = { ip, headers: authorization ? { authorization } : {} };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  try {
    return guard.canActivate(context) ? 'open' : 'closed';
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('who may read /api/metrics', () => {
  it('opens to loopback by default, and to nobody else without the token', () => {
    expect(call({}, '127.0.0.1')).toBe('open');
    expect(call({}, '::1')).toBe('open');
    expect(call({}, '::ffff:127.0.0.1')).toBe('open');
    expect(call({}, '10.1.2.3')).toBe('unauthorized');
  });

  it('opens to the operator networks named in ENLACE_METRICS_NETWORKS', () => {
    const env = { ENLACE_METRICS_NETWORKS: '10.20.0.0/16, fd00::/8, 192.0.2.7' };
    expect(call(env, '10.20.255.1')).toBe('open');
    expect(call(env, '192.0.2.7')).toBe('open');
    expect(call(env, 'fd00::1')).toBe('open');
    expect(call(env, '10.21.0.1')).toBe('unauthorized');
    expect(call(env, '127.0.0.1')).toBe('unauthorized');
  });

  it('opens to the metrics token from anywhere, and a token that is not it is refused even from inside', () => {
    const env = { ENLACE_METRICS_TOKEN: TOKEN };
    expect(call(env, '203.0.113.9', `Bearer ${TOKEN}`)).toBe('open');
    expect(call(env, '203.0.113.9', 'Bearer a-user-access-token')).toBe('forbidden');
    expect(call(env, '127.0.0.1', 'Bearer a-user-access-token')).toBe('forbidden');
    expect(call({}, '203.0.113.9', `Bearer ${TOKEN}`)).toBe('forbidden');
  });

  it('stops the boot on a metrics setting that cannot be right', () => {
    expect(() => loadConfig({ ENLACE_METRICS_TOKEN: 'short' })).toThrow('ENLACE_METRICS_TOKEN must be at least 16 characters');
    expect(() => loadConfig({ ENLACE_METRICS_NETWORKS: '10.0.0.0/33' })).toThrow(/ENLACE_METRICS_NETWORKS .* got "10.0.0.0\/33"/);
    expect(() => loadConfig({ ENLACE_METRICS_NETWORKS: 'intranet' })).toThrow(/ENLACE_METRICS_NETWORKS/);
  });
});
