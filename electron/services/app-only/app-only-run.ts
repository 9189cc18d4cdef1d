// The app-only run: client credentials through MSAL-node (acquireTokenByClientCredential) for each resource the
// protocols use — Graph `<graph host>/.default`, Exchange `https://outlook.office365.com/.default` (the cloud's
// app-only Outlook resource) for IMAP and POP — then the mailbox probes with those tokens (IMAP and POP log in with
// user= the mailbox) and, when the admin names a canary mailbox, one read-only Graph request for it as the scope
// proof. Tokens never leave this module's caller (main); the result carries only roles, probe results and verdicts.
// Never a write: the probes are read-only (Graph GET of the Inbox folder, IMAP STATUS, POP STAT). Never message
// content either, except the one subject line the admin may ask for (showSubject): it goes back in the answer for the
// screen and nowhere else — not into the run kept for the hand-over, a log or an error.
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import {
  rolesFindings,
  scopeVerdict,
  servicePrincipalExplanation,
  type AppOnlyMailProtocol,
  type CanaryObservation,
  type ScopeVerdict,
  type TokenRoles,
} from '../../../shared/app-only/verdict';
import type { CloudId } from '../../../shared/cloud/clouds';
import { hostsFor } from '../../../shared/cloud/hosts';
import type { Finding } from '../../../shared/findings';
import { DEFAULT_PHASE_TIMEOUT_MS, type ProbeOverrides, type ProbeResult } from '../../../shared/probes/schema';
import { fromMsalError } from '../authorize/authorize-service';
import { createNetworkModule } from '../authorize/msal-network';
import { codedError } from '../errors';
import { resolveEndpoint } from '../probes/endpoint';
import { probeNewestSubject, type NewestSubject } from '../probes/graph-probe';
import { runProbes } from '../probes/run-probes';
import type { ClientCertificate } from './certificate-file';

export type AppOnlyProtocol = AppOnlyMailProtocol;

export interface AppOnlyRequest {
  /** https://login.microsoftonline.com/<tenant> or a custom authority's (the emulator's) tenant URL. */
  readonly authority: string;
  /** The cloud whose resource ids the tokens are for; a custom authority issues for Global's. */
  readonly cloud: CloudId;
  readonly clientId: string;
  /** The app's credential: its client secret, or a certificate with its private key (exactly one). */
  readonly clientSecret?: string;
  readonly certificate?: Pick<ClientCertificate, 'thumbprintSha256' | 'privateKey' | 'x5c'>;
  readonly mailbox: string;
  readonly protocols: readonly AppOnlyProtocol[];
  /** A mailbox the app must not reach; absent: no scope proof. */
  readonly canary?: string;
  /** The admin asked to see the newest Inbox message's subject (Graph only, after the Graph probe opened the Inbox). */
  readonly showSubject?: boolean;
  /** Endpoint overrides per protocol (on-premises, the emulator and Dovecot in tests). */
  readonly overrides?: ProbeOverrides;
  /** Extra CA (PEM) for a custom authority. */
  readonly ca?: string;
  readonly phaseTimeoutMs?: number;
  /** MSAL network module (tests); default node:https trusting `ca`. */
  readonly network?: INetworkModule;
}

export interface AppOnlyRun {
  readonly roles: readonly TokenRoles[];
  readonly findings: readonly Finding[];
  readonly results: readonly ProbeResult[];
  readonly scope?: ScopeVerdict;
  /** Only when showSubject was asked and the Graph probe opened the Inbox. */
  readonly newestSubject?: NewestSubject;
}

/** The token endpoint's answer for one resource: the access token (kept in main) and its roles claim. */
export interface AppOnlyToken {
  readonly accessToken: string;
  readonly roles: readonly string[];
}

/** Resource ids for client credentials in this cloud (a custom authority issues for Global's, as Entra's emulator does). */
export function resourcesFor(cloud: CloudId): Readonly<Record<'graph' | 'exchange', string>> {
  const h = hostsFor(cloud === 'custom' ? 'global' : cloud);
  return {
    graph: `https://${h.graphHost.value}/.default`,
    exchange: `https://${h.outlookAppOnlyResourceHost.value}/.default`,
  };
}

/**
 * MSAL-node's credential: the secret, or the certificate (thumbprintSha256 makes MSAL sign the assertion with PS256 and
 * name the certificate in x5t#S256, as "Microsoft identity platform application authentication certificate
 * credentials" asks; x5c sends the certificate itself).
 */
function credentialOf(
  req: Pick<AppOnlyRequest, 'clientSecret' | 'certificate'>,
): { clientSecret: string } | { clientCertificate: { thumbprintSha256: string; privateKey: string; x5c: string } } {
  if (req.certificate !== undefined) {
    const { thumbprintSha256, privateKey, x5c } = req.certificate;
    return { clientCertificate: { thumbprintSha256, privateKey, x5c } };
  }
  if (req.clientSecret === undefined) throw codedError('CLIENT_SECRET_MISSING');
  return { clientSecret: req.clientSecret };
}

/** One client-credentials token through MSAL-node; an Entra error comes back as the app's CodedError. */
export async function acquireAppOnlyToken(req: AppOnlyRequest, scope: string): Promise<AppOnlyToken> {
  const authorityHost = new URL(req.authority).host;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: req.clientId,
      ...credentialOf(req),
      authority: req.authority,
      knownAuthorities: [authorityHost],
    },
    system: { networkClient: req.network ?? createNetworkModule(req.ca === undefined ? {} : { ca: req.ca }) },
  });
  try {
    const r = await msal.acquireTokenByClientCredential({ scopes: [scope] });
    if (!r) throw new Error('No token came back.');
    const claims = decodeJwt(r.accessToken);
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((x): x is string => typeof x === 'string') : [];
    return { accessToken: r.accessToken, roles };
  } catch (e) {
    throw fromMsalError(e, authorityHost);
  }
}

/** What the canary probe's result says about the scope: the Graph probe's "HTTP <status> <code>: <message>" line. */
export function canaryObservation(r: ProbeResult): CanaryObservation {
  if (r.outcome === 'ok') return { kind: 'reached' };
  if (r.outcome === 'network' || r.outcome === 'tls' || r.outcome === 'timeout' || r.outcome === 'cancelled')
    return { kind: 'no-answer', message: r.explanation };
  const line = r.serverWords.find((w) => w.startsWith('HTTP ')) ?? '';
  const m = /^HTTP (\d{3})(?: ([A-Za-z_]+))?(?:: (.*?))?(?: \(request-id [^)]*\))?$/.exec(line);
  return {
    kind: 'refused',
    ...(m?.[1] === undefined ? {} : { status: Number(m[1]) }),
    ...(m?.[2] === undefined ? {} : { code: m[2] }),
    ...(m?.[3] === undefined ? {} : { message: m[3] }),
  };
}

export async function runAppOnly(req: AppOnlyRequest, signal?: AbortSignal): Promise<AppOnlyRun> {
  const resources = resourcesFor(req.cloud);
  const wantGraph = req.protocols.includes('graph') || req.canary !== undefined;
  const wantExchange = req.protocols.some((p) => p !== 'graph');
  const graph = wantGraph ? await acquireAppOnlyToken(req, resources.graph) : undefined;
  const exchange = wantExchange ? await acquireAppOnlyToken(req, resources.exchange) : undefined;
  const roles: TokenRoles[] = [
    ...(graph ? [{ resource: 'graph' as const, roles: graph.roles }] : []),
    ...(exchange ? [{ resource: 'exchange' as const, roles: exchange.roles }] : []),
  ];
  const common = {
    cloud: req.cloud,
    ...(req.phaseTimeoutMs === undefined ? {} : { phaseTimeoutMs: req.phaseTimeoutMs }),
  };
  const results: ProbeResult[] = [];
  let newestSubject: NewestSubject | undefined;
  if (graph && req.protocols.includes('graph')) {
    const run = await runProbes(
      {
        ...common,
        mailbox: req.mailbox,
        protocols: ['graph'],
        accessToken: graph.accessToken,
        ...(req.overrides?.graph ? { overrides: { graph: req.overrides.graph } } : {}),
      },
      signal,
    );
    results.push(...run.results);
    // The subject is read only once the Inbox opened: a refused probe already says why, a second refusal adds nothing.
    if (req.showSubject === true && run.results[0]?.outcome === 'ok') {
      newestSubject = await probeNewestSubject({
        endpoint: resolveEndpoint('graph', req.cloud, req.overrides?.graph),
        mailbox: req.mailbox,
        accessToken: graph.accessToken,
        phaseTimeoutMs: req.phaseTimeoutMs ?? DEFAULT_PHASE_TIMEOUT_MS,
        ...(signal === undefined ? {} : { signal }),
      });
    }
  }
  if (exchange) {
    const protocols = req.protocols.filter((p): p is 'imap' | 'pop' | 'smtp' => p !== 'graph');
    const overrides = Object.fromEntries(protocols.flatMap((p) => (req.overrides?.[p] ? [[p, req.overrides[p]]] : [])));
    const run = await runProbes(
      {
        ...common,
        mailbox: req.mailbox,
        protocols,
        accessToken: exchange.accessToken,
        ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
      },
      signal,
    );
    // A refused app-only login is about the Exchange service principal, not a signed-in account: say so.
    results.push(
      ...run.results.map((r) =>
        r.outcome === 'auth-failed' || r.outcome === 'not-authorized-for-mailbox'
          ? {
              ...r,
              ...servicePrincipalExplanation(r.protocol === 'pop' || r.protocol === 'smtp' ? r.protocol : 'imap', {
                mailbox: req.mailbox,
                clientId: req.clientId,
              }),
            }
          : r,
      ),
    );
  }
  let scope: ScopeVerdict | undefined;
  if (graph && req.canary !== undefined) {
    const run = await runProbes(
      {
        ...common,
        mailbox: req.canary,
        protocols: ['graph'],
        accessToken: graph.accessToken,
        ...(req.overrides?.graph ? { overrides: { graph: req.overrides.graph } } : {}),
      },
      signal,
    );
    const [canary] = run.results;
    if (canary)
      scope = scopeVerdict(canaryObservation(canary), {
        canary: req.canary,
        mailbox: req.mailbox,
        clientId: req.clientId,
      });
  }
  return {
    roles,
    findings: rolesFindings(roles, req.protocols),
    results,
    ...(scope === undefined ? {} : { scope }),
    ...(newestSubject === undefined ? {} : { newestSubject }),
  };
}
