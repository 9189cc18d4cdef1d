// The handover.* handlers: field sheet, copy (main resolves the value; secrets and tokens auto-cleared),
// export (.json/.env through a save dialog, 0600, atomic) and the redacted diagnostic report, for an authorize
// run, an app-only run or a saved profile. The renderer passes ids and field keys only; every secret value is looked up here, and
// whether a secret, a token or a value that failed a check reaches the clipboard is asked in main's own
// confirmation dialog — no request field can say yes for the person.
import { stat } from 'node:fs/promises';
import type { FlowState, RunConfig } from '../../../shared/authorize/schema';
import {
  buildDiagnosticReport,
  buildFieldSheet,
  findRow,
  toEnv,
  toJson,
  type FieldSheet,
} from '../../../shared/handover';
import type { SheetField } from '../../../shared/handover/schema';
import { assertNever } from '../../../shared/assert-never';
import type { RuntimeFacts } from '../app/app-info';
import { TOKEN_RISK_SENTENCE, type ConfirmDialog, type ConfirmRequest } from '../app/confirm-dialog';
import { codedError } from '../errors';
import type { NamespaceHandlers } from '../ipc/dispatch';
import type { TokenSet, TokenStore } from '../tokens/token-store';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from './atomic-write';
import type { Clipboard } from './clipboard';
import type { ClipboardGuard } from './clipboard-guard';
import type { AppOnlyRunRecord, AppOnlyRunStore } from '../app-only/app-only-runs';
import type { ProbeResultsStore } from '../probes/probe-results';
import type { ProfileStore } from '../profiles/profile-store';
import type { SaveDialog } from './save-dialog';
import type { WatchService } from '../watch/watch-service';

/** The hand-over's ports and settings, as main.ts or the harness gives them; absent parts answer NOT_AVAILABLE. */
export interface HandoverPorts {
  readonly clipboard?: Clipboard;
  /** How long a copied secret or token stays on the clipboard (ms); default 30 s. */
  readonly clipboardClearMs?: number | (() => number);
  readonly saveDialog?: SaveDialog;
  readonly now?: () => Date;
  readonly fs?: AtomicFs;
}

export interface HandoverDeps {
  readonly runtime: RuntimeFacts;
  /** The ports, and the app's one clipboard guard (services.ts builds it from the clipboard port). */
  readonly handover: HandoverPorts & { readonly guard?: ClipboardGuard | undefined };
  /** Asks the person before a secret, a token or a failing value is copied; absent, such copies are refused. */
  readonly confirm?: ConfirmDialog | undefined;
  /** The authorize runs (secrets and verified results by token-set id). */
  readonly tokens: { readonly store: Pick<TokenStore, 'get'> };
  /** Saved profiles: a profile's field sheet, and its sealed secret for copy. */
  readonly profiles?: Pick<ProfileStore, 'load' | 'secretOf'> | undefined;
  /** The authorize flow, for a report on a run that failed before tokens came back. */
  readonly authorize?: { readonly state: FlowState } | undefined;
  /** Told when a run's refresh token was exported, so Watch counts its 90 days for the run's profile. */
  readonly watch?: Pick<WatchService, 'recordRefreshTokenHandedOver'> | undefined;
  /** Each run's Test mailbox results: a mail server value is verified only where a probe worked. */
  readonly probes?: { readonly results?: Pick<ProbeResultsStore, 'get'> | undefined } | undefined;
  /** The app-only runs (client credentials) kept for their field sheet, by the id appOnly.run answered. */
  readonly appOnly?: { readonly runs?: Pick<AppOnlyRunStore, 'get'> | undefined } | undefined;
}

/** The save dialog's file type for each format the hand-over writes. */
const FILTERS: Readonly<Record<'json' | 'env' | 'md', { name: string; extensions: string[] }>> = {
  json: { name: 'JSON', extensions: ['json'] },
  env: { name: 'Environment file', extensions: ['env'] },
  md: { name: 'Markdown', extensions: ['md'] },
};

interface Source {
  readonly sheet: FieldSheet;
  readonly run: RunConfig;
  readonly set?: TokenSet;
  readonly appOnly?: AppOnlyRunRecord;
  readonly profileId?: string;
}

export function createHandoverHandlers(deps: HandoverDeps): NamespaceHandlers<'handover'> {
  const ports = deps.handover;
  const now = ports.now ?? (() => new Date());
  const guard = ports.guard;

  const runOf = (tokenSetId: string): { set: TokenSet; run: RunConfig } => {
    const set = deps.tokens.store.get(tokenSetId);
    if (!set) throw codedError('TOKEN_SET_NOT_FOUND');
    if (!set.result?.run) throw codedError('RUN_NOT_VERIFIED');
    return { set, run: set.result.run };
  };

  const appOnlyRunOf = (id: string): AppOnlyRunRecord => {
    const rec = deps.appOnly?.runs?.get(id);
    if (!rec) throw codedError('APP_ONLY_RUN_NOT_FOUND');
    return rec;
  };

  const sourceOf = async (req: {
    tokenSetId?: string | undefined;
    appOnlyRunId?: string | undefined;
    profileId?: string | undefined;
  }): Promise<Source> => {
    if (req.appOnlyRunId !== undefined) {
      const rec = appOnlyRunOf(req.appOnlyRunId);
      const sheet = buildFieldSheet({
        run: rec.run,
        verdict: rec.verdict,
        findings: rec.findings,
        secretHeld: rec.clientSecret !== undefined,
        probes: rec.probes,
        ...(rec.scope === undefined ? {} : { appOnlyScope: rec.scope }),
        now: now(),
      });
      return { sheet, run: rec.run, appOnly: rec };
    }
    if (req.tokenSetId !== undefined) {
      const { set, run } = runOf(req.tokenSetId);
      const r = set.result;
      const sheet = buildFieldSheet({
        run,
        ...(r ? { verdict: r.verdict, findings: r.findings } : {}),
        secretHeld: set.clientSecret !== undefined,
        tokens: { access: set.accessTokens.length, refresh: set.refreshToken !== undefined },
        probes: deps.probes?.results?.get(req.tokenSetId).results ?? [],
        now: now(),
      });
      return { sheet, run, set };
    }
    if (!deps.profiles)
      throw codedError('NOT_AVAILABLE', { part: 'a profile store', activity: 'using saved profiles' });
    const p = await deps.profiles.load(req.profileId ?? '');
    return {
      sheet: buildFieldSheet({ run: p.config, secretHeld: p.hasSecret, now: now() }),
      run: p.config,
      profileId: p.id,
    };
  };

  const saveFile = async (content: string, format: 'json' | 'env' | 'md', defaultName: string, title: string) => {
    if (!ports.saveDialog) throw codedError('NOT_AVAILABLE', { part: 'a save dialog', activity: 'saving files' });
    const path = await ports.saveDialog.choose({ title, defaultName, filters: [FILTERS[format]] });
    if (path === undefined) return { saved: false as const, reason: 'cancelled' as const };
    const bytes = await writeFileAtomic(path, content, ports.fs ?? nodeAtomicFs);
    const mode =
      process.platform === 'win32' ? undefined : ((await stat(path)).mode & 0o777).toString(8).padStart(4, '0');
    return { saved: true as const, path, bytes, format, ...(mode !== undefined ? { mode } : {}) };
  };

  return {
    'handover.sheet': async (req) => (await sourceOf(req)).sheet,

    'handover.copy': async (req) => {
      if (!guard) throw codedError('CLIPBOARD_UNAVAILABLE');
      const src = await sourceOf(req);
      const hit = findRow(src.sheet, req.fieldKey);
      if (!hit) throw codedError('FIELD_NOT_FOUND', { field: req.fieldKey });
      const { field, index } = hit;
      const sensitive = field.kind === 'secret' || field.kind === 'token';
      // Main decides from its own sheet whether the person must agree; the answer comes from main's dialog only.
      const question = sensitive || !field.copyable ? copyQuestion(field, src.run) : undefined;
      if (question !== undefined) {
        if (!deps.confirm)
          throw codedError('NOT_AVAILABLE', {
            part: 'a confirmation dialog',
            activity: 'copying a secret, a token or a value that failed a check',
          });
        if (!(await deps.confirm.confirm(question)))
          return { copied: false as const, reason: 'declined' as const, fieldKey: req.fieldKey, label: field.label };
      }
      let value: string | undefined;
      if (field.kind === 'secret') {
        value = src.set
          ? src.set.clientSecret
          : src.appOnly
            ? src.appOnly.clientSecret
            : src.profileId !== undefined
              ? await deps.profiles?.secretOf(src.profileId)
              : undefined;
      } else if (field.kind === 'token') {
        value = field.key === 'refreshToken' ? src.set?.refreshToken?.value : src.set?.accessTokens[index]?.value;
      } else {
        value = hit.row.display;
      }
      if (value === undefined || value === '')
        throw codedError('VALUE_MISSING', { value: field.label, source: src.set || src.appOnly ? 'run' : 'profile' });
      const { clearsInMs } = await guard.write(value, sensitive);
      return {
        copied: true as const,
        fieldKey: req.fieldKey,
        label: field.label,
        overridden: !field.copyable,
        ...(clearsInMs !== undefined ? { clearsInMs } : {}),
      };
    },

    'handover.export': async (req) => {
      // A delegated run's token set, or an app-only run (its secret; it has no refresh token).
      const src =
        req.appOnlyRunId !== undefined
          ? await sourceOf({ appOnlyRunId: req.appOnlyRunId })
          : await sourceOf({ tokenSetId: req.tokenSetId ?? '' });
      const { sheet, run } = src;
      const set = {
        clientSecret: src.set ? src.set.clientSecret : src.appOnly?.clientSecret,
        refreshToken: src.set?.refreshToken,
        profileId: src.set?.profileId,
        createdAt: src.set?.createdAt ?? 0,
      };
      if (sheet.status !== 'verified' && req.override !== true) {
        throw codedError('EXPORT_BLOCKED_FINDING', { status: sheet.statusSentence });
      }
      if (req.includeClientSecret && set.clientSecret === undefined)
        throw codedError('VALUE_MISSING', { value: 'client secret', source: 'run' });
      if (req.includeRefreshToken && set.refreshToken === undefined)
        throw codedError('VALUE_MISSING', { value: 'refresh token', source: 'run' });
      const input = {
        run,
        sheet,
        exportedAt: now(),
        ...(req.includeClientSecret && set.clientSecret !== undefined ? { clientSecret: set.clientSecret } : {}),
        ...(req.includeRefreshToken && set.refreshToken !== undefined ? { refreshToken: set.refreshToken.value } : {}),
      };
      const content = req.format === 'json' ? toJson(input) : toEnv(input);
      const name = `${sheet.presetId}-mailbox${req.format === 'json' ? '.json' : '.env'}`;
      // The dialog itself says what the file will hold: choosing a path is agreeing to write these secrets there.
      const secrets = [
        ...(input.clientSecret !== undefined ? ['the client secret'] : []),
        ...(input.refreshToken !== undefined ? ['the refresh token'] : []),
      ];
      const title = `Export the ${sheet.productLabel} values${secrets.length > 0 ? `, including ${secrets.join(' and ')}` : ''}`;
      const saved = await saveFile(content, req.format, name, title);
      if (saved.saved && input.refreshToken !== undefined && set.profileId !== undefined)
        await deps.watch?.recordRefreshTokenHandedOver(set.profileId, set.createdAt);
      return saved;
    },

    'handover.report': async (req) => {
      const facts = deps.runtime;
      const versions: Record<string, string> = { app: facts.version };
      for (const [k, v] of Object.entries(facts.versions)) if (typeof v === 'string') versions[k] = v;
      const base = {
        generatedAt: now(),
        app: { name: facts.name, version: facts.version, platform: facts.platform, runtime: facts.runtime },
        versions,
        ...(req.probes ? { probes: req.probes } : {}),
      };
      let report: string;
      if (req.tokenSetId !== undefined) {
        const { set, run } = runOf(req.tokenSetId);
        const { sheet } = await sourceOf({ tokenSetId: req.tokenSetId });
        const r = set.result;
        report = buildDiagnosticReport({
          ...base,
          run,
          secretHeld: set.clientSecret !== undefined,
          sheet,
          ...(r ? { verdict: r.verdict, signedInAs: r.signedInAs, findings: r.findings, tokens: r.tokens } : {}),
        });
      } else {
        const flow = deps.authorize?.state;
        report = buildDiagnosticReport({
          ...base,
          ...(req.config ? { run: req.config } : {}),
          ...(flow?.kind === 'failed' ? { error: flow.error } : {}),
        });
      }
      return saveFile(report, 'md', 'mailbox-auth-helper-report.md', 'Save the diagnostic report');
    },
  };
}

/** What main asks before a copy the person must agree to: a secret, a token, or a value that failed a check. */
export function copyQuestion(field: SheetField, run: RunConfig): ConfirmRequest | undefined {
  const failed = field.findings.find((x) => x.severity === 'error');
  const failedText = failed === undefined ? '' : ` It failed a check: ${failed.message} ${failed.nextStep}`;
  const mailbox = run.mailbox ?? run.signInAccount ?? 'this mailbox';
  switch (field.kind) {
    case 'token':
      return {
        message: `Copy the ${field.label.toLowerCase()} for ${mailbox} to the clipboard?`,
        detail: `${TOKEN_RISK_SENTENCE} Most products get their own tokens from the values on the field sheet. The clipboard is cleared after a short while if it still holds it.${failedText}`,
        confirmLabel: 'Copy token',
      };
    case 'secret':
      return {
        message: `Copy the client secret of app ${run.clientId} to the clipboard?`,
        detail: `Whoever holds the secret can act as this app until the secret expires. The clipboard is cleared after a short while if it still holds it.${failedText}`,
        confirmLabel: 'Copy secret',
      };
    case 'value':
    case 'fixed':
      return field.copyable
        ? undefined
        : {
            message: `Copy ${field.label} although it failed a check?`,
            detail: failed === undefined ? 'See the marks on the field sheet.' : `${failed.message} ${failed.nextStep}`,
            confirmLabel: 'Copy anyway',
          };
    default:
      return assertNever(field.kind, 'field kind');
  }
}
