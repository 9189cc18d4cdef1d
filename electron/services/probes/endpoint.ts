// Where each protocol is probed: the cloud table's host and port, unless the caller overrides them (tests on
// loopback, on-premises hybrids). An extra CA is added to Node's roots, never replacing them, in one secure context
// per CA shared by every probe (net/secure-context.ts).
import { isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { CloudId } from '../../../shared/cloud/clouds';
import { hostsFor } from '../../../shared/cloud/hosts';
import type { ProbeEndpointOverride, ProbeProtocol } from '../../../shared/probes/schema';
import { codedError } from '../errors';
import { secureContextWith } from '../net/secure-context';

export interface ProbeEndpoint {
  readonly host: string;
  readonly port: number;
  /** Node's roots plus the caller's extra CA, or undefined for Node's defaults; pass as tls.connect's secureContext. */
  readonly secureContext?: SecureContext;
  /** SNI name; absent for IP literals (SNI must not carry an IP address). */
  readonly servername?: string;
  readonly localAddress?: string;
}

const GRAPH_PORT = 443;

export function resolveEndpoint(
  protocol: ProbeProtocol,
  cloud: CloudId,
  override: ProbeEndpointOverride | undefined,
): ProbeEndpoint {
  // A custom authority publishes no mail or Graph hosts: the caller names them (or the probe says so).
  const known = cloud === 'custom' ? undefined : hostsFor(cloud);
  const fallback =
    known === undefined
      ? undefined
      : protocol === 'graph'
        ? { host: known.graphHost.value, port: GRAPH_PORT }
        : known[protocol].value;
  const host = override?.host ?? fallback?.host;
  const port = override?.port ?? fallback?.port ?? (protocol === 'graph' ? GRAPH_PORT : undefined);
  if (host === undefined || port === undefined) {
    throw codedError('PROBE_HOST_REQUIRED', { protocol: protocol.toUpperCase() });
  }
  const bare = host.replace(/^\[|\]$/g, '');
  return {
    host: bare,
    port,
    ...(override?.caPem === undefined ? {} : { secureContext: secureContextWith(override.caPem) }),
    ...(isIP(bare) === 0 ? { servername: bare } : {}),
    ...(override?.localAddress === undefined ? {} : { localAddress: override.localAddress }),
  };
}

export const endpointLabel = (e: ProbeEndpoint): string =>
  isIP(e.host) === 6 ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
