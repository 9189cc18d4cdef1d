// Watch's judgement, pure: from what a saved profile keeps (credential end dates from the last audit, the issue
// time of a refresh token this app handed over) to each connection's health, its events and findings, and the
// warnings due now. Warnings come 30, 7 and 1 days before a client secret or certificate ends, and before a refresh
// token reaches 90 days without use. Microsoft: "The default lifetime for the refresh tokens is 24 hours for single
// page apps and 90 days for all other scenarios. Refresh tokens replace themselves with a fresh token upon every
// use." (MicrosoftDocs/entra-docs docs/identity-platform/refresh-tokens.md @ 9bf540ac). The app cannot see the
// product use its token, so the 90 days count from the issue time and the warning says "unless used since".
import type { RunConfig } from '../authorize/schema';
import type { AuditCredential } from '../audit/schema';
import { finding, worstSeverity, type Finding } from '../findings';
import type { WatchConnection, WatchEvent, WatchFacts, WatchHealth } from './schema';

export const WARNING_STEPS = [30, 7, 1] as const;
export type WarningStep = (typeof WARNING_STEPS)[number] | 0;
export const REFRESH_TOKEN_INACTIVITY_DAYS = 90;
export const DEFAULT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface WatchedProfile {
  readonly id: string;
  readonly name: string;
  readonly config: RunConfig;
  readonly watch?: WatchFacts | undefined;
}

/** The step a countdown has reached: 0 once over, else the smallest of 30/7/1 it is within. */
export function stepOf(daysLeft: number): WarningStep | undefined {
  if (daysLeft <= 0) return 0;
  let step: WarningStep | undefined;
  for (const s of WARNING_STEPS) if (daysLeft <= s) step = s;
  return step;
}

const daysLeftUntil = (endsAt: number, now: Date): number => Math.ceil((endsAt - now.getTime()) / DAY_MS);

function credentialEvent(c: AuditCredential, now: Date): WatchEvent | undefined {
  if (c.endsAt === undefined) return undefined;
  const ends = Date.parse(c.endsAt);
  if (Number.isNaN(ends)) return undefined;
  const daysLeft = daysLeftUntil(ends, now);
  const step = stepOf(daysLeft);
  const id = c.kind === 'secret' ? 'Secret ID' : 'Certificate ID';
  return {
    kind: c.kind,
    label: `${c.kind === 'secret' ? 'Client secret' : 'Certificate'} “${c.description || c.keyId}” (${id} ${c.keyId})`,
    key: c.keyId,
    endsAt: new Date(ends).toISOString(),
    daysLeft,
    ...(step === undefined ? {} : { step }),
  };
}

function refreshTokenEvent(issuedAt: string, now: Date): WatchEvent | undefined {
  const issued = Date.parse(issuedAt);
  if (Number.isNaN(issued)) return undefined;
  const ends = issued + REFRESH_TOKEN_INACTIVITY_DAYS * DAY_MS;
  const daysLeft = daysLeftUntil(ends, now);
  const step = stepOf(daysLeft);
  return {
    kind: 'refresh-token',
    label: `Refresh token handed over on ${issuedAt.slice(0, 10)}`,
    key: 'refresh-token',
    endsAt: new Date(ends).toISOString(),
    daysLeft,
    ...(step === undefined ? {} : { step }),
  };
}

const plural = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/** The finding an event gives once it is within the window (a note while it is further away: none). */
function eventFinding(e: WatchEvent, profileName: string, appName: string, windowDays: number): Finding | undefined {
  if (e.daysLeft > windowDays) return undefined;
  const day = e.endsAt.slice(0, 10);
  if (e.kind === 'refresh-token') {
    return e.daysLeft <= 0
      ? finding(
          'error',
          'WATCH_REFRESH_TOKEN_INACTIVE',
          `${e.label} has passed 90 days; unless the product used it since, it is dead and mail stops with AADSTS700082.`,
          `Check the product's mail log; if it fails, authorize “${profileName}” again and hand the new refresh token over.`,
        )
      : finding(
          'warning',
          'WATCH_REFRESH_TOKEN_AGING',
          `${e.label} reaches 90 days without use on ${day} (in ${plural(e.daysLeft)}); if the product has not used it since, it dies then (AADSTS700082).`,
          'Make sure the product polls the mailbox (each use renews the token), or authorize again before that day.',
        );
  }
  const blade = `Entra admin center > App registrations > ${appName} > Certificates & secrets`;
  // A certificate is replaced by uploading one, and fails with its own error (AADSTS700027), not a secret's.
  const secret = e.kind === 'secret';
  const replace = (now: string) =>
    secret
      ? `Create a new client secret${now} (${blade} > New client secret) and put its Value in the product`
      : `Upload a new certificate${now} (${blade} > Certificates > Upload certificate) and have the product sign with it`;
  return e.daysLeft <= 0
    ? finding(
        'error',
        'WATCH_CREDENTIAL_EXPIRED',
        `${e.label} expired on ${day}; token requests with it fail (${secret ? 'AADSTS7000222' : 'AADSTS700027'}).`,
        `${replace('')}, then audit again.`,
      )
    : finding(
        'warning',
        'WATCH_CREDENTIAL_EXPIRING',
        `${e.label} expires on ${day}, in ${plural(e.daysLeft)}; Azure sends no reminder.`,
        `${replace(' now')} before ${day}.`,
      );
}

/** One connection's health from its profile's facts. */
export function watchConnection(p: WatchedProfile, now: Date, windowDays = DEFAULT_WINDOW_DAYS): WatchConnection {
  const w = p.watch;
  const events: WatchEvent[] = [];
  for (const c of w?.audit?.credentials ?? []) {
    const e = credentialEvent(c, now);
    if (e !== undefined) events.push(e);
  }
  if (w?.refreshTokenIssuedAt !== undefined) {
    const e = refreshTokenEvent(w.refreshTokenIssuedAt, now);
    if (e !== undefined) events.push(e);
  }
  // A credential that ended while another is still valid is superseded: the product may already use the new one.
  const liveCredential = events.some((e) => e.kind !== 'refresh-token' && e.daysLeft > 0);
  for (const [i, e] of events.entries())
    if (e.kind !== 'refresh-token' && e.daysLeft <= 0 && liveCredential) events[i] = { ...e, superseded: true };
  events.sort((a, b) => a.daysLeft - b.daysLeft);
  const findings: Finding[] = [];
  for (const e of events) {
    const f = eventFinding(e, p.name, w?.audit?.appName ?? p.config.clientId, windowDays);
    if (f === undefined) continue;
    findings.push(
      e.superseded === true
        ? {
            ...f,
            severity: 'warning',
            nextStep: `Make sure the product uses the current ${e.kind === 'certificate' ? 'certificate' : 'secret'}, then delete the expired one.`,
          }
        : f,
    );
  }
  if (w?.audit === undefined)
    findings.push(
      finding(
        'info',
        'WATCH_NOT_AUDITED',
        `“${p.name}” has not been audited, so its secret end dates are unknown.`,
        'Open Audit registration, pick this profile and run an audit with an admin account.',
      ),
    );
  const worst = worstSeverity(findings.filter((f) => f.severity !== 'info'));
  const health: WatchHealth =
    worst === 'error' ? 'expired' : worst === 'warning' ? 'warning' : w?.audit === undefined ? 'unknown' : 'ok';
  const mailbox = p.config.mailbox ?? p.config.signInAccount;
  return {
    profileId: p.id,
    name: p.name,
    presetId: p.config.presetId,
    ...(mailbox === undefined ? {} : { mailbox }),
    health,
    events,
    findings,
    ...(w?.audit?.auditedAt === undefined ? {} : { lastAuditedAt: w.audit.auditedAt }),
    ...(w?.lastAuthorizedAt === undefined ? {} : { lastAuthorizedAt: w.lastAuthorizedAt }),
    ...(w?.refreshTokenIssuedAt === undefined ? {} : { refreshTokenIssuedAt: w.refreshTokenIssuedAt }),
  };
}

export interface DueNotification {
  readonly profileId: string;
  /** Remembered in the profile once raised: `secret:<keyId>:<step>`. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
}

/** The warnings a connection owes now: each event's current step, unless that step was raised already. */
export function dueNotifications(c: WatchConnection, alreadyRaised: readonly string[]): DueNotification[] {
  const out: DueNotification[] = [];
  for (const e of c.events) {
    if (e.step === undefined || e.superseded === true) continue;
    const key = `${e.kind}:${e.key}:${e.step}`;
    if (alreadyRaised.includes(key)) continue;
    const when =
      e.step === 0 ? `ended on ${e.endsAt.slice(0, 10)}` : `ends in ${plural(e.daysLeft)} (${e.endsAt.slice(0, 10)})`;
    out.push({
      profileId: c.profileId,
      key,
      title: e.step === 0 ? `${c.name}: mail may have stopped` : `${c.name}: act within ${plural(e.daysLeft)}`,
      body: `${e.label} ${when}.${e.kind === 'refresh-token' ? ' Unless the product used it since.' : ''}`,
    });
  }
  return out;
}

/**
 * True when something ends within the window, or has ended with nothing to take its place: what makes `cli watch`
 * exit 1. A superseded credential (ended, another still valid) does not count.
 */
export const expiresWithin = (c: WatchConnection, windowDays: number): boolean =>
  c.events.some((e) => e.superseded !== true && e.daysLeft <= windowDays);
