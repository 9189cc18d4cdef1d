// Where a stored token may be sent by a probe, decided from main's own state: the run's cloud's own hosts
// (hostsFor), the Graph host a custom authority of the run names, the endpoints main itself was configured with
// (probes.defaults: the harness's loopback servers, a deployment's on-premises hosts), and the destinations the
// person confirmed for this run in main's dialog. Anything else a request names is a question for the person, not
// for the renderer. A destination is host, port and any extra CA: trusting another CA for the same host is a new
// destination too.
import { createHash } from 'node:crypto';
import type { RunConfig } from '../../../shared/authorize/schema';
import { hostsFor } from '../../../shared/cloud/hosts';
import { PROBE_PROTOCOLS, type ProbeOverrides, type ProbeProtocol } from '../../../shared/probes/schema';
import { endpointLabel, resolveEndpoint, type ProbeEndpoint } from './endpoint';

/** host:port, plus a fingerprint of the extra CA PEM (the part of it the endpoint adds to the system roots). */
export function destinationKey(endpoint: ProbeEndpoint, caPem: string | undefined): string {
  const ca = caPem === undefined ? '' : ` ca:${createHash('sha256').update(caPem).digest('hex').slice(0, 16)}`;
  return `${endpointLabel(endpoint)}${ca}`.toLowerCase();
}

/** A host[:port] the custom authority names (its Graph host), as a Graph endpoint key. */
function namedGraphKey(hostPort: string): string | undefined {
  const m = /^([A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/.exec(hostPort);
  if (m === null || m[1] === undefined) return undefined;
  return `${m[1]}:${m[2] ?? '443'}`.toLowerCase();
}

/** Every destination a run's stored token may reach without asking. */
export function knownDestinations(run: RunConfig | undefined, defaults: ProbeOverrides | undefined): Set<string> {
  const keys = new Set<string>();
  const cloud = run?.cloud ?? 'global';
  for (const p of PROBE_PROTOCOLS) {
    if (cloud !== 'custom') keys.add(destinationKey(resolveEndpoint(p, cloud, undefined), undefined));
    const d = defaults?.[p];
    if (d?.host !== undefined) keys.add(destinationKey(resolveEndpoint(p, cloud, d), d.caPem));
  }
  // A custom authority publishes no mail hosts; the Graph host it names is the run's own.
  if (cloud === 'custom' && run?.customAuthority?.graphHost) {
    const named = namedGraphKey(hostsFor('custom', run.customAuthority).graphHost.value);
    if (named !== undefined) keys.add(named);
  }
  return keys;
}

export interface PlannedDestination {
  readonly protocol: ProbeProtocol;
  readonly label: string;
  readonly key: string;
}

/** The destinations a probe request would reach (the same resolution runProbes makes), keyed for the checks above. */
export function plannedDestinations(
  protocols: readonly ProbeProtocol[],
  cloud: RunConfig['cloud'],
  overrides: ProbeOverrides | undefined,
): PlannedDestination[] {
  return protocols.map((protocol) => {
    const o = overrides?.[protocol];
    const endpoint = resolveEndpoint(protocol, cloud, o);
    return { protocol, label: endpointLabel(endpoint), key: destinationKey(endpoint, o?.caPem) };
  });
}
