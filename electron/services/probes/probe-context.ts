// What every probe is given: where to connect, which mailbox, the token, the per-phase bound and the cancel
// signal. Probes return an observation and never throw; classify-answer.ts interprets it.
import type { ProbeEndpoint } from './endpoint';

export interface ProbeContext {
  readonly endpoint: ProbeEndpoint;
  /** user= in XOAUTH2; the shared mailbox in delegate mode. */
  readonly mailbox: string;
  readonly accessToken: string;
  readonly phaseTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** http://host:port of an HTTP proxy to tunnel through (net/proxy-tunnel.ts); absent to connect directly. */
  readonly proxyUrl?: string;
}
