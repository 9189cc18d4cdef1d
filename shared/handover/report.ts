// The diagnostic report (Markdown) for a support ticket: the run's config with the secret masked, the verdict,
// findings (per field, from the field sheet), token facts without any token text, probe results, AADSTS
// explanations and versions. Built from public data only, then passed through redact() as a second guard.
import { explainCode, parseErrorText } from '../explain';
import { redact } from '../text/redact';
import type { AppError } from '../result';
import type { Finding } from '../findings';
import { v2EndpointsFor } from '../cloud/hosts';
import { presetById } from '../presets';
import { productScopes, type VerdictLike } from './field-sheet';
import { verdictLevel, type VerdictLevel } from '../authorize/verdict';

const VERDICT_WORDS: Readonly<Record<VerdictLevel, string>> = {
  verified: 'Verified',
  'custom-authority': 'Checked against a custom authority, not Microsoft',
  failed: 'Not verified',
};
import type { RunConfig } from '../authorize/schema';
import type { FieldSheet } from './schema';

export interface ReportTokenFacts {
  readonly role: string;
  readonly resource?: string | undefined;
  readonly scopes?: readonly string[] | undefined;
  readonly length: number;
  readonly expiresAt?: number | undefined;
  readonly signature?: string | undefined;
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
}

export interface ReportProbe {
  readonly protocol: string;
  readonly ok: boolean;
  readonly code: string;
  readonly message: string;
  readonly host?: string | undefined;
}

export interface ReportInput {
  readonly generatedAt: Date;
  readonly app: {
    readonly name: string;
    readonly version: string;
    readonly platform: string;
    readonly runtime: string;
  };
  readonly versions: Readonly<Record<string, string>>;
  readonly run?: RunConfig | undefined;
  readonly secretHeld?: boolean | undefined;
  readonly verdict?: VerdictLike | undefined;
  readonly signedInAs?: string | undefined;
  readonly findings?: readonly Finding[] | undefined;
  readonly sheet?: FieldSheet | undefined;
  readonly tokens?: readonly ReportTokenFacts[] | undefined;
  /** The error of a run that failed before tokens came back. */
  readonly error?: AppError | undefined;
  readonly probes?: readonly ReportProbe[] | undefined;
}

/** Claims that help support and identify no secret; everything else is left out. */
const REPORT_CLAIMS = [
  'aud',
  'iss',
  'tid',
  'ver',
  'upn',
  'preferred_username',
  'unique_name',
  'scp',
  'roles',
  'appid',
  'azp',
  'exp',
];

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function buildDiagnosticReport(input: ReportInput): string {
  const out: string[] = [];
  const push = (...lines: string[]): void => {
    out.push(...lines);
  };
  push('# Mailbox Auth Helper — diagnostic report', '');
  push(
    `Generated ${input.generatedAt.toISOString()} by ${input.app.name} ${input.app.version} (${input.app.runtime}, ${input.app.platform}).`,
    '',
  );
  push(
    'Secrets, tokens and authorization codes are never included: the client secret is shown as "set" or "not set", tokens by length and claims only.',
    '',
  );

  push('## Verdict', '');
  if (input.verdict) {
    push(
      `**${VERDICT_WORDS[verdictLevel(input.verdict)]}** — \`${input.verdict.code}\``,
      '',
      input.verdict.sentence,
      '',
      `Next step: ${input.verdict.nextStep}`,
      '',
    );
    if (input.signedInAs) push(`Signed in as: ${input.signedInAs}`, '');
  } else if (input.error) {
    push(`**Failed** — \`${input.error.code}\``, '', input.error.message, '', `Next step: ${input.error.nextStep}`, '');
    if (input.error.detail) push('Server detail:', '', '```', input.error.detail, '```', '');
  } else {
    push('No sign-in result.', '');
  }

  if (input.run) {
    const run = input.run;
    const preset = presetById(run.presetId);
    const ep = v2EndpointsFor(run);
    push('## Configuration', '', '| Setting | Value |', '|---|---|');
    const rows: [string, string][] = [
      ['Product', preset.label],
      ['Cloud', run.cloud === 'custom' ? `custom (${run.customAuthority?.authorityHost ?? '?'})` : run.cloud],
      ['Tenant', run.tenant],
      ['Client ID', run.clientId],
      [
        'Client secret',
        input.secretHeld === true
          ? 'set (•••• masked)'
          : input.secretHeld === false
            ? 'not set'
            : '•••• (masked, not included)',
      ],
      ['Redirect URI', run.redirectUri],
      ['Authorization URL', ep?.authorizeUrl ?? '—'],
      ['Token URL', ep?.tokenUrl ?? '—'],
      ['Scopes', productScopes(run).join(' ')],
      ['Sign-in account', run.signInAccount ?? '—'],
      ['Mailbox', run.mailbox ?? run.signInAccount ?? '—'],
    ];
    for (const [k, v] of rows) push(`| ${k} | ${cell(v)} |`);
    push('');
  }

  const findings: { code: string; severity: string; where: string; message: string; nextStep: string }[] = [];
  for (const f of input.sheet?.fields ?? []) {
    for (const x of f.findings)
      if (x.severity !== 'info')
        findings.push({ code: x.code, severity: x.severity, where: f.label, message: x.message, nextStep: x.nextStep });
  }
  for (const f of input.findings ?? []) {
    if (!findings.some((x) => x.code === f.code && x.message === f.message))
      findings.push({
        code: f.code,
        severity: f.severity,
        where: f.field ?? '—',
        message: f.message,
        nextStep: f.nextStep,
      });
  }
  push('## Findings', '');
  if (findings.length === 0) push('None.', '');
  else {
    push('| Severity | Code | Field | Problem | Next step |', '|---|---|---|---|---|');
    for (const f of findings)
      push(`| ${f.severity} | \`${f.code}\` | ${cell(f.where)} | ${cell(f.message)} | ${cell(f.nextStep)} |`);
    push('');
  }

  if (input.tokens && input.tokens.length > 0) {
    push('## Tokens (facts only)', '');
    for (const t of input.tokens) {
      const exp = t.expiresAt !== undefined ? `, expires ${new Date(t.expiresAt).toISOString()}` : '';
      push(
        `### ${t.role}${t.resource ? ` — ${t.resource}` : ''}`,
        '',
        `${t.length} characters${exp}; signature: ${t.signature ?? 'unchecked'}.`,
        '',
      );
      const claims = Object.entries(t.claims ?? {}).filter(([k]) => REPORT_CLAIMS.includes(k));
      if (claims.length > 0) {
        push('| Claim | Value |', '|---|---|');
        for (const [k, v] of claims) push(`| ${k} | ${cell(typeof v === 'string' ? v : JSON.stringify(v))} |`);
        push('');
      }
    }
  }

  if (input.probes && input.probes.length > 0) {
    push('## Probes', '', '| Protocol | Host | Result | Code | Message |', '|---|---|---|---|---|');
    for (const p of input.probes)
      push(`| ${p.protocol} | ${p.host ?? '—'} | ${p.ok ? 'ok' : 'failed'} | \`${p.code}\` | ${cell(p.message)} |`);
    push('');
  }

  // AADSTS codes anywhere in the failure, findings or probes: explained in the product's words.
  const text = [
    input.error?.code,
    input.error?.message,
    input.error?.detail,
    ...findings.map((f) => `${f.code} ${f.message}`),
    ...(input.probes ?? []).map((p) => `${p.code} ${p.message}`),
  ]
    .filter((x) => x !== undefined)
    .join('\n');
  const parsed = parseErrorText(text);
  if (parsed.codes.length > 0) {
    push('## AADSTS explanations', '');
    const seen = new Set<number>();
    for (const c of parsed.codes) {
      if (seen.has(c.code)) continue;
      seen.add(c.code);
      const card = explainCode(c.code, input.run?.presetId);
      push(`### ${card.title}`, '', `Meaning: ${card.meaning}`, '', `Cause: ${card.cause}`, '', `Fix: ${card.fix}`, '');
    }
    if (parsed.traceIds.length > 0 || parsed.correlationIds.length > 0)
      push(
        `Trace IDs: ${parsed.traceIds.join(', ') || '—'}; correlation IDs: ${parsed.correlationIds.join(', ') || '—'}.`,
        '',
      );
  }

  push('## Versions', '', '| Component | Version |', '|---|---|');
  for (const [k, v] of Object.entries(input.versions).sort(([a], [b]) => a.localeCompare(b)))
    push(`| ${cell(k)} | ${cell(v)} |`);
  push('');
  return redact(out.join('\n'));
}
