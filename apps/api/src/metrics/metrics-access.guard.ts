import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv6 } from 'node:net';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@enlace/config';
import { DomainError, ErrorCode } from '@enlace/core';

const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * GET /api/metrics for the operators only: a caller from ENLACE_METRICS_NETWORKS (loopback unless
 * set), or anyone presenting ENLACE_METRICS_TOKEN as a bearer token. User tokens never open it.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly networks = new BlockList();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    for (const entry of config.metricsNetworks) {
      const [address, bits] = entry.split('/');
      const family = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.networks.addAddress(address, family);
      else this.networks.addSubnet(address, Number(bits), family);
    }
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ ip: string; headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header)?.[1] : undefined;
    if (this.config.metricsToken && token !== undefined && sameSecret(token, this.config.metricsToken)) return true;
    if (token === undefined && this.networks.check(request.ip, isIPv6(request.ip) ? 'ipv6' : 'ipv4')) return true;
    if (token === undefined) throw new DomainError(ErrorCode.Unauthorized, 'The metrics token is required from outside the operators\' network');
    throw new DomainError(ErrorCode.Forbidden, 'This token does not open the metrics');
  }
}
