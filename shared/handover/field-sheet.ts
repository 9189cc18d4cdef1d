// The field sheet: a preset's fields in the product's own order and labels, each with the value this run
// verified, where it goes in the product, whether it may be copied, and the finding when a value failed a
// check (offline lint of the run's config, or the authorize verdict). Pure: main builds it to answer the
// renderer and again to decide a copy, so the renderer can never talk main into copying a failing value.
// "Verified" means proved: the app registration's values by the sign-in that used them, the account by the identity
// check, a mail server by a Test mailbox probe that worked against that very host and port. A label the product
// lets you choose or a fixed option is shown as given, and a wrong account marks the account rows, not the rest.
import { assertNever } from '../assert-never';
import type { HostPort } from '../cloud/clouds';
import { hostsFor, unverifiedNote, v2EndpointsFor } from '../cloud/hosts';
import { fillScope, isIdTokenScope, scopeHostsFor } from '../cloud/scopes';
import { FIELD_VALUE, lint, type DiagnoseInput, type FieldKey } from '../diagnose';
import { finding, type Finding } from '../findings';
import { presetById, type Preset, type PresetField, type ProtocolId, type ValueSource } from '../presets';
import type { RunConfig } from '../authorize/schema';
import type { FieldSheet, SheetField, SheetFinding, SheetRow } from './schema';

/** What the renderer shows instead of a secret: the value stays in main. */
export const SECRET_PLACEHOLDER = '•••• (held by the app)';
export const TOKEN_PLACEHOLDER = '•••• (held by the app; copy shows a warning first)';

/** Verdict codes that mean "these tokens are not (known to be) the mailbox's": nothing on the sheet is verified. */
export const IDENTITY_FAILURES = new Set(['IDENTITY_MISMATCH', 'IDENTITY_UNKNOWN']);

export interface VerdictLike {
  readonly ok: boolean;
  readonly code: string;
  readonly sentence: string;
  readonly nextStep: string;
  /** The custom authority that issued the tokens (not Microsoft), when one did. */
  readonly customAuthority?: string | undefined;
}

export interface FieldSheetInput {
  readonly run: RunConfig;
  /** Absent for a saved profile (no run to verify against): the sheet is then lint-only. */
  readonly verdict?: VerdictLike;
  /** The authorize result's findings. */
  readonly findings?: readonly Finding[];
  /** Whether main holds a client secret for this run/profile. */
  readonly secretHeld: boolean;
  /** How many access tokens and whether a refresh token main holds for the run. */
  readonly tokens?: { readonly access: number; readonly refresh: boolean };
  /** The run's Test mailbox results (latest per protocol): a mail server value is verified only by one that worked there. */
  readonly probes?: readonly ProbeLike[];
  /** An app-only run's scope proof, when it named a canary: red adds a warning note to the sheet. */
  readonly appOnlyScope?: { readonly status: 'red' | 'green' | 'amber'; readonly headline: string };
  readonly now?: Date;
}

/** What the field sheet reads of a Test mailbox result. */
export interface ProbeLike {
  readonly protocol: 'imap' | 'pop' | 'smtp' | 'graph';
  readonly outcome: string;
  /** host:port, or the Graph URL. */
  readonly endpoint: string;
}

/** The values a sign-in proves by using them: Entra accepted them and issued tokens. */
const PROVED_BY_SIGN_IN: ReadonlySet<ValueSource> = new Set<ValueSource>([
  'clientId',
  'clientSecret',
  'tenantId',
  'authorizeUrl',
  'tokenUrl',
  'redirectUri',
  'scopes',
]);
/** What an app-only run does not use: nobody signs in, so no authorization endpoint, redirect or sign-in account. */
const NOT_USED_APP_ONLY: ReadonlySet<ValueSource> = new Set<ValueSource>([
  'authorizeUrl',
  'redirectUri',
  'signInAccount',
]);
/** The values the identity check is about. */
const ACCOUNT_SOURCES: ReadonlySet<ValueSource> = new Set<ValueSource>(['mailbox', 'signInAccount']);
/** Mail server values, by the protocol whose probe proves them and whether the value is the host or the port. */
const SERVER_SOURCES: Readonly<
  Partial<Record<ValueSource, { protocol: ProbeLike['protocol']; part: 'host' | 'port' }>>
> = {
  imapHost: { protocol: 'imap', part: 'host' },
  imapPort: { protocol: 'imap', part: 'port' },
  popHost: { protocol: 'pop', part: 'host' },
  popPort: { protocol: 'pop', part: 'port' },
  smtpHost: { protocol: 'smtp', part: 'host' },
  smtpPort: { protocol: 'smtp', part: 'port' },
  graphHost: { protocol: 'graph', part: 'host' },
};

/** host and port of a probe's endpoint ("host:port", "[v6]:port" or a Graph URL). */
export function endpointHostPort(endpoint: string): { host: string; port: string } | undefined {
  try {
    const u = new URL(endpoint.includes('://') ? endpoint : `probe://${endpoint}`);
    const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '';
    return { host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
  } catch {
    return undefined;
  }
}

interface MailHosts {
  readonly imap: HostPort;
  readonly pop: HostPort;
  readonly smtp: HostPort;
  readonly graph: string;
  /** Why a host is not Microsoft-documented for this cloud, per value source. */
  readonly notes: Partial<Record<ValueSource, string>>;
}

export function mailHostsFor(run: Pick<RunConfig, 'cloud' | 'customAuthority'>): MailHosts {
  const hosts = hostsFor(run.cloud, run.customAuthority);
  const notes: Partial<Record<ValueSource, string>> = {};
  for (const [proto, hostKey, portKey] of [
    ['imap', 'imapHost', 'imapPort'],
    ['pop', 'popHost', 'popPort'],
    ['smtp', 'smtpHost', 'smtpPort'],
  ] as const) {
    const note = unverifiedNote(hosts, hosts[proto]);
    if (note !== undefined) notes[hostKey] = notes[portKey] = note;
  }
  return {
    imap: hosts.imap.value,
    pop: hosts.pop.value,
    smtp: hosts.smtp.value,
    graph: hosts.graphHost.value,
    notes,
  };
}

/** The scopes as the product should request them: the run's, minus the OIDC ones this app adds for itself. */
export function productScopes(run: Pick<RunConfig, 'scopes'>): string[] {
  const out: string[] = [];
  for (const s of run.scopes.map((x) => x.trim()).filter((x) => x !== '')) {
    if (isIdTokenScope(s)) continue;
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** The plain value(s) of a non-secret preset field for a run; undefined when the run has no value for it. */
export function valuesFor(field: PresetField, run: RunConfig): string[] | undefined {
  const one = (v: string | undefined): string[] | undefined =>
    v === undefined || v.trim() === '' ? undefined : [v.trim()];
  const hosts = mailHostsFor(run);
  const ep = v2EndpointsFor(run);
  switch (field.valueFrom) {
    case 'clientId':
      return one(run.clientId);
    case 'tenantId':
      return one(run.tenant);
    case 'authorizeUrl':
      return one(ep?.authorizeUrl);
    case 'tokenUrl':
      return one(ep?.tokenUrl);
    case 'redirectUri':
      return one(run.redirectUri);
    case 'scopes': {
      const list = productScopes(run);
      if (list.length === 0) return undefined;
      return field.multiRow ? list : [list.join(' ')];
    }
    case 'mailbox':
      return one(run.mailbox ?? run.signInAccount);
    case 'signInAccount':
      return one(run.signInAccount);
    case 'imapHost':
      return [hosts.imap.host];
    case 'imapPort':
      return [String(hosts.imap.port)];
    case 'popHost':
      return [hosts.pop.host];
    case 'popPort':
      return [String(hosts.pop.port)];
    case 'smtpHost':
      return [hosts.smtp.host];
    case 'smtpPort':
      return [String(hosts.smtp.port)];
    case 'graphHost':
      return [hosts.graph];
    case 'providerName':
      return ['Microsoft 365 mail'];
    case 'fixed':
      return one(field.fixedValue);
    case 'clientSecret':
      return undefined; // never here: secrets are resolved by main only
    default:
      return assertNever(field.valueFrom, 'value source');
  }
}

/** Which preset value a lint field is about: the field's own, and the secret's expiry belongs to the secret. */
const LINT_FIELD_SOURCE: Partial<Record<FieldKey, ValueSource>> = { ...FIELD_VALUE, secretExpiry: 'clientSecret' };

/** Which preset value an authorize finding is about (by code); the rest concern the tokens themselves. */
const VERDICT_CODE_SOURCE: Readonly<Record<string, ValueSource>> = {
  TENANT_MISMATCH: 'tenantId',
  TENANT_UNKNOWN: 'tenantId',
  TENANT_DOMAIN_DIFFERS: 'tenantId',
  CLIENT_MISMATCH: 'clientId',
  CLIENT_UNKNOWN: 'clientId',
  AUDIENCE_MISMATCH: 'scopes',
  SCOPE_MISSING: 'scopes',
  PERMISSION_MODEL_MISMATCH: 'scopes',
  ROLE_MISSING: 'scopes',
  APP_ONLY_NO_ROLES: 'scopes',
  APP_ONLY_ROLES: 'scopes',
  APP_ONLY_ROLE_MISSING: 'scopes',
  REFRESH_TOKEN_MISSING: 'scopes',
  REFRESH_TOKEN_NOT_REQUESTED: 'scopes',
  XOAUTH2_USER_NOT_MAILBOX: 'mailbox',
};

/** The protocols of the preset whose scopes the run requested, so lint checks the scopes against them. */
function protocolsOf(preset: Preset, run: RunConfig): ProtocolId[] {
  const lower = new Set(run.scopes.map((s) => s.trim().toLowerCase()));
  // The app's own runs on a custom authority request Global's resource ids (as the Authorize page fills them in).
  const hosts = scopeHostsFor(run.cloud === 'custom' ? 'global' : run.cloud);
  return preset.protocols
    .filter((p) => p.scopes.every((t) => lower.has(fillScope(t, hosts).toLowerCase())))
    .map((p) => p.id);
}

export function lintInputFor(run: RunConfig, preset: Preset): DiagnoseInput {
  const ep = v2EndpointsFor(run);
  const custom = run.cloud === 'custom' && run.customAuthority ? run.customAuthority : undefined;
  return {
    preset: preset.id,
    cloud: run.cloud,
    protocols: protocolsOf(preset, run),
    tenant: run.tenant,
    clientId: run.clientId,
    ...(ep ? { authorizeUrl: ep.authorizeUrl, tokenUrl: ep.tokenUrl } : {}),
    redirectUri: run.redirectUri,
    scopes: productScopes(run).join(' '),
    ...(run.signInAccount !== undefined ? { signInAccount: run.signInAccount } : {}),
    ...(run.mailbox !== undefined ? { mailbox: run.mailbox } : {}),
    ...(custom
      ? {
          customAuthority: {
            authorityHost: custom.authorityHost,
            graphHost: custom.graphHost,
            outlookResourceHost: custom.outlookResourceHost,
          },
        }
      : {}),
  };
}

type SheetStatus = FieldSheet['status'];

export function buildFieldSheet(input: FieldSheetInput): FieldSheet {
  const { run } = input;
  const preset = presetById(run.presetId);
  const bySource = new Map<ValueSource, SheetFinding[]>();
  const add = (src: ValueSource, f: SheetFinding): void => {
    const list = bySource.get(src) ?? [];
    if (!list.some((x) => x.code === f.code && x.message === f.message)) list.push(f);
    bySource.set(src, list);
  };

  const appOnly = run.appOnly;
  // An app-only run's values were proved by Entra issuing tokens for them; the lint speaks of a sign-in's values
  // (redirect URI, delegated scopes), which app-only mode does not use.
  const lintFindings = appOnly ? [] : lint(lintInputFor(run, preset), input.now ? { now: input.now } : undefined);
  for (const f of lintFindings) {
    const src = LINT_FIELD_SOURCE[f.field];
    if (src) add(src, { ...finding(f.severity, f.code, f.message, f.nextStep), source: 'lint' });
  }
  const tokenFindings: SheetFinding[] = [];
  for (const f of input.findings ?? []) {
    const sf: SheetFinding = { ...finding(f.severity, f.code, f.message, f.nextStep), source: 'verdict' };
    const src = VERDICT_CODE_SOURCE[f.code];
    if (src) add(src, sf);
    else tokenFindings.push(sf);
  }
  const hosts = mailHostsFor(run);
  for (const [src, note] of Object.entries(hosts.notes) as [ValueSource, string][]) {
    add(src, {
      ...finding(
        'info',
        'CLOUD_VALUE_DERIVED',
        note,
        'Check the value against your tenant or test server before relying on it.',
      ),
      source: 'cloud',
    });
  }

  const verdict = input.verdict;
  const identityFailed = verdict !== undefined && IDENTITY_FAILURES.has(verdict.code);
  const identityFinding: SheetFinding | undefined = identityFailed
    ? { ...finding('error', verdict.code, verdict.sentence, verdict.nextStep), source: 'verdict' }
    : undefined;
  const probeBy = new Map((input.probes ?? []).map((p) => [p.protocol, p] as const));

  /** Whether a mail server value was proved by its protocol's probe, and a note when the probe ran elsewhere. */
  const serverStatus = (src: ValueSource, value: string): { proved: boolean; note?: SheetFinding } => {
    const which = SERVER_SOURCES[src];
    const probe = which === undefined ? undefined : probeBy.get(which.protocol);
    if (which === undefined || probe === undefined || probe.outcome !== 'ok') return { proved: false };
    const at = endpointHostPort(probe.endpoint);
    const wanted = which.part === 'host' ? at?.host : at?.port;
    if (at !== undefined && wanted === value.toLowerCase()) return { proved: true };
    return {
      proved: false,
      note: {
        ...finding(
          'info',
          'PROBE_RAN_ELSEWHERE',
          `Test mailbox worked against ${probe.endpoint}, not against this value, so this value is not proved.`,
          'Test the mailbox against this server (Advanced: server overrides) before relying on it.',
        ),
        source: 'cloud',
      },
    };
  };

  const fields: SheetField[] = preset.fields.map((pf) => {
    if (appOnly && NOT_USED_APP_ONLY.has(pf.valueFrom))
      return {
        key: pf.key,
        label: pf.label,
        where: pf.where,
        hint: 'Not used in app-only mode: nobody signs in, the product gets its tokens from the token URL.',
        kind: 'value' as const,
        rows: [],
        status: 'not-used' as const,
        copyable: false,
        findings: [],
      };
    const findings = [...(bySource.get(pf.valueFrom) ?? [])];
    if (appOnly?.credential === 'certificate' && (pf.valueFrom === 'clientSecret' || pf.secret))
      findings.push({
        ...finding(
          'info',
          'APP_ONLY_CERTIFICATE',
          `This run signed in with the certificate${appOnly.thumbprint === undefined ? '' : ` (Thumbprint ${appOnly.thumbprint})`}, not a client secret.`,
          `If ${preset.label} takes a certificate, give it that certificate; otherwise enter a client secret and test it here.`,
        ),
        source: 'verdict',
      });
    if (identityFinding && ACCOUNT_SOURCES.has(pf.valueFrom)) findings.unshift(identityFinding);
    let rows: SheetRow[];
    let kind: SheetField['kind'];
    if (pf.valueFrom === 'clientSecret' || pf.secret) {
      kind = 'secret';
      rows = input.secretHeld ? [{ copyKey: pf.key, display: SECRET_PLACEHOLDER }] : [];
    } else {
      kind = pf.valueFrom === 'fixed' || pf.valueFrom === 'providerName' ? 'fixed' : 'value';
      const values = valuesFor(pf, run) ?? [];
      rows = values.map((v, i) => ({
        copyKey: values.length > 1 || pf.multiRow ? `${pf.key}.${i}` : pf.key,
        display: v,
      }));
    }
    const server =
      SERVER_SOURCES[pf.valueFrom] === undefined ? undefined : serverStatus(pf.valueFrom, rows[0]?.display ?? '');
    if (server?.note) findings.push(server.note);
    const failed = findings.some((f) => f.severity === 'error');
    const status: SheetField['status'] =
      rows.length === 0
        ? 'missing'
        : failed
          ? 'failed'
          : verdict === undefined || kind === 'fixed'
            ? 'unverified'
            : server !== undefined
              ? server.proved
                ? 'verified'
                : 'not-tested'
              : appOnly && ACCOUNT_SOURCES.has(pf.valueFrom)
                ? // App-only: the mailbox is proved by a probe that opened it with the app's own token.
                  (input.probes ?? []).some((p) => p.outcome === 'ok')
                  ? 'verified'
                  : 'not-tested'
                : PROVED_BY_SIGN_IN.has(pf.valueFrom) || (ACCOUNT_SOURCES.has(pf.valueFrom) && verdict.ok)
                  ? 'verified'
                  : 'unverified';
    return {
      key: pf.key,
      label: pf.label,
      where: pf.where,
      ...(pf.hint !== undefined ? { hint: pf.hint } : {}),
      kind,
      rows,
      status,
      copyable: rows.length > 0 && !failed,
      findings,
    };
  });

  const tokens: SheetField[] = [];
  if (input.tokens) {
    const tf = identityFinding ? [identityFinding, ...tokenFindings] : tokenFindings;
    const failed = tf.some((f) => f.severity === 'error');
    const tokenField = (key: string, label: string, count: number): SheetField => ({
      key,
      label,
      where:
        'Only for products and scripts that take a token directly; most products obtain their own tokens with the values above.',
      kind: 'token',
      rows: Array.from({ length: count }, (_, i) => ({
        copyKey: i === 0 ? key : `${key}.${i}`,
        display: TOKEN_PLACEHOLDER,
      })),
      status: count === 0 ? 'missing' : failed ? 'failed' : 'verified',
      copyable: count > 0 && !failed,
      findings: tf,
    });
    tokens.push(tokenField('accessToken', 'Access token', input.tokens.access));
    tokens.push(tokenField('refreshToken', 'Refresh token', input.tokens.refresh ? 1 : 0));
  }

  const anyFailed = fields.some((f) => f.status === 'failed' && !(identityFailed && f.findings[0] === identityFinding));
  let status: SheetStatus;
  let statusSentence: string;
  if (verdict === undefined) {
    status = 'lint-only';
    statusSentence = anyFailed
      ? 'Not verified by a sign-in yet, and some values fail the offline checks.'
      : 'Not verified by a sign-in yet: the values pass the offline checks only.';
  } else if (identityFailed) {
    status = 'not-verified';
    // The verdict above says whose tokens these are; the sheet says what that means for its rows.
    statusSentence = anyFailed
      ? 'Not verified: the tokens are not the mailbox’s, and some values failed a check. Fix the rows marked below.'
      : 'Not verified: the tokens are not the mailbox’s. The app registration values worked in the sign-in; the account rows need a fix.';
  } else if (appOnly && verdict.ok && !anyFailed) {
    status = 'verified';
    statusSentence = `The app's own sign-in (client credentials${verdict.customAuthority === undefined ? '' : ` at the custom authority ${verdict.customAuthority}, not Microsoft`}) accepted these values and the app-only test reached the mailbox. Nobody signs in in app-only mode: the rows marked “not used” stay empty.`;
  } else if (!verdict.ok || anyFailed) {
    status = 'failed-checks';
    statusSentence = 'Some values failed a check: they are marked below and need “Copy anyway”.';
  } else if (verdict.customAuthority !== undefined) {
    // Checked, but only against the custom authority: the sheet says so, and the page draws it amber.
    status = 'verified';
    statusSentence = `Every value below was used in a sign-in that passed the checks — against the custom authority ${verdict.customAuthority}, not Microsoft.`;
  } else {
    status = 'verified';
    statusSentence =
      'The app registration values and the account were proved by a sign-in that passed verification; mail server values are proved by Test mailbox.';
  }

  const scope = input.appOnlyScope;
  return {
    presetId: preset.id,
    ...(appOnly ? { mode: 'app-only' as const } : {}),
    productLabel: preset.label,
    status,
    statusSentence,
    ...(verdict !== undefined ? { verdictCode: verdict.code } : {}),
    fields,
    tokens,
    // Only the preset's notes true for this run's mode; the last note says how to prove whose token the product holds
    // (delegated: per preset, its own facility or none) or, app-only, which mailboxes its tokens open.
    notes: [
      ...(scope?.status === 'red'
        ? [
            {
              id: 'app-only-scope',
              severity: 'warning' as const,
              text: `${scope.headline}: limit it to this mailbox in Exchange (the fix under App-only access) before handing these values over.`,
            },
          ]
        : []),
      ...preset.notes
        .filter((n) => n.modes === undefined || n.modes.includes(appOnly ? 'app-only' : 'delegated'))
        .map((n) => ({ id: n.id, severity: n.severity, text: n.text })),
      ...(appOnly
        ? appOnlyReachNote(preset.label, run.mailbox ?? '', scope?.status)
        : [
            {
              id: 'prove-owner',
              severity: 'info' as const,
              text: `How to prove whose token ${preset.label} holds: ${preset.proveOwner.text}`,
            },
          ]),
    ],
  };
}

/**
 * App-only's counterpart of "whose token": a client-credentials token belongs to no account, so what matters is which
 * mailboxes it opens — what the canary test under App-only access proves. Red says it in the warning note already.
 */
function appOnlyReachNote(
  product: string,
  mailbox: string,
  scope: 'red' | 'green' | 'amber' | undefined,
): { id: string; severity: 'info' | 'warning'; text: string }[] {
  const intro = `${product}'s tokens in app-only mode are the app's own and belong to no account: what matters is which mailboxes they open.`;
  if (scope === 'red') return [];
  if (scope === 'green')
    return [
      {
        id: 'app-only-reach',
        severity: 'info',
        text: `${intro} This test proved Exchange refuses the app a mailbox outside its scope (the canary), so it is limited to the mailboxes its scope names.`,
      },
    ];
  return [
    {
      id: 'app-only-reach',
      severity: 'info',
      text: `${intro} ${scope === 'amber' ? 'This test could not prove the scope (see App-only access).' : 'This test did not check it.'} Name a mailbox the app must not reach (canary) under App-only access and test again: Exchange must refuse it, or the app can read every mailbox in the tenant, not only ${mailbox || 'this one'}.`,
    },
  ];
}

/** Finds the sheet row a copy key names (`clientId`, `entityScopes.2`, `accessToken.1`). */
export function findRow(
  sheet: FieldSheet,
  copyKey: string,
): { field: SheetField; row: SheetRow; index: number } | undefined {
  for (const field of [...sheet.fields, ...sheet.tokens]) {
    const index = field.rows.findIndex((r) => r.copyKey === copyKey);
    const row = field.rows[index];
    if (row) return { field, row, index };
  }
  return undefined;
}
