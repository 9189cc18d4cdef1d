// The "Test mailbox" panel: proves the mailbox opens with this token, one row per protocol (IMAP, POP, SMTP,
// Graph) with live status, outcome, per-phase timing, the explanation and next step, and the server's own
// words folded away. Each protocol is its own probes.run call (with its own run id) so rows finish as their
// servers answer; Cancel stops every run still going. The token is named by tokenSetId (authorize) or
// passed as pasted (Inspect); results never carry it. Host/port overrides serve on-premises hybrids.
import { Badge, Button, Checkbox, Field, Input, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import type { CloudId } from '../../../../shared/cloud/clouds';
import type {
  ProbeEndpointOverride,
  ProbeOutcome,
  ProbeOverrides,
  ProbeProtocol,
  ProbeResult,
  ProbeTimings,
} from '../../../../shared/probes/schema';
import { PROBE_PROTOCOLS as PROTOCOLS } from '../../../../shared/probes/protocols';
import type { AppError } from '../../../../shared/result';
import { SLOW_CALL_MS, api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { cardStyle } from '../../components/card-style';

const PROTOCOL_NAMES: Record<ProbeProtocol, string> = {
  imap: 'IMAP',
  pop: 'POP',
  smtp: 'SMTP',
  graph: 'Microsoft Graph',
};
const DEFAULT_PORTS: Record<ProbeProtocol, string> = { imap: '993', pop: '995', smtp: '587', graph: '443' };

const OUTCOME_BADGE: Record<ProbeOutcome, { color: 'success' | 'danger' | 'warning' | 'informative'; label: string }> =
  {
    ok: { color: 'success', label: 'Works' },
    'auth-failed': { color: 'danger', label: 'Sign-in refused' },
    'not-authorized-for-mailbox': { color: 'danger', label: 'No access to mailbox' },
    'protocol-disabled': { color: 'danger', label: 'Protocol disabled' },
    network: { color: 'danger', label: 'Cannot connect' },
    tls: { color: 'danger', label: 'TLS problem' },
    timeout: { color: 'warning', label: 'Timed out' },
    cancelled: { color: 'informative', label: 'Cancelled' },
  };

const PHASES: readonly { key: Exclude<keyof ProbeTimings, 'total'>; label: string }[] = [
  { key: 'connect', label: 'connect' },
  { key: 'tls', label: 'TLS' },
  { key: 'auth', label: 'sign-in' },
  { key: 'firstCommand', label: 'first command' },
];

type RowState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly slow: boolean }
  | { readonly kind: 'done'; readonly result: ProbeResult }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface TestMailboxPanelProps {
  /** A token set held by the app (authorize result); give this or `token`. */
  readonly tokenSetId?: string;
  /** A pasted access token (Inspect); sent to main only when the admin presses Test mailbox. */
  readonly token?: string;
  /** The mailbox the product opens (XOAUTH2 user=, the Graph user). */
  readonly mailbox: string;
  readonly cloud: CloudId;
  /** Endpoints to use unless the admin types others below. */
  readonly overrides?: ProbeOverrides;
  /** Protocols ticked at first (default all): e.g. no Graph when the run holds no Graph token. */
  readonly initialProtocols?: readonly ProbeProtocol[];
}

const useStyles = makeStyles({
  section: {
    ...cardStyle,
    marginBlock: tokens.spacingVerticalL,
  },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  intro: { margin: `0 0 ${tokens.spacingVerticalM}`, color: tokens.colorNeutralForeground2 },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
  },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginBlock: tokens.spacingVerticalM,
  },
  rows: { listStyleType: 'none', padding: 0, margin: 0, display: 'grid', rowGap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gridTemplateColumns: '11rem 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    alignItems: 'start',
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  status: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: tokens.spacingVerticalXS },
  body: { display: 'grid', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  words: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: `${tokens.spacingVerticalXXS} 0 0`,
  },
  rowError: { marginBlock: 0 },
  overrides: { marginTop: tokens.spacingVerticalM },
  overrideGrid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    marginTop: tokens.spacingVerticalS,
  },
  pair: { display: 'grid', gridTemplateColumns: '1fr 6rem', gap: tokens.spacingHorizontalS },
});

function ms(n: number): string {
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`;
}

function timingLine(t: ProbeTimings): string {
  const parts = PHASES.filter((p) => t[p.key] !== undefined).map((p) => `${p.label} ${ms(t[p.key] ?? 0)}`);
  return [...parts, `total ${ms(t.total)}`].join(' · ');
}

/** Host/port typed by the admin, over the given overrides, field by field; empty inputs leave them alone. */
function effectiveOverrides(
  given: ProbeOverrides | undefined,
  typed: Record<ProbeProtocol, { host: string; port: string }>,
): ProbeOverrides | undefined {
  const out: ProbeOverrides = {};
  for (const p of PROTOCOLS) {
    const host = typed[p].host.trim();
    const port = Number.parseInt(typed[p].port.trim(), 10);
    const mine: ProbeEndpointOverride = { ...(host ? { host } : {}), ...(Number.isFinite(port) ? { port } : {}) };
    const merged = { ...given?.[p], ...mine };
    if (Object.keys(merged).length > 0) out[p] = merged;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function newRunId(): string {
  return `probe-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function ProbeRow({ protocol, state }: { protocol: ProbeProtocol; state: RowState }) {
  const styles = useStyles();
  const outcome = state.kind === 'done' ? state.result.outcome : undefined;
  return (
    <li
      className={styles.row}
      data-protocol={protocol}
      data-state={state.kind}
      {...(outcome ? { 'data-outcome': outcome } : {})}
      {...(state.kind === 'failed' ? { 'data-error-code': state.error.code } : {})}
      aria-busy={state.kind === 'running'}
    >
      <div className={styles.status}>
        <Text className={styles.name}>{PROTOCOL_NAMES[protocol]}</Text>
        {state.kind === 'idle' ? <Text className={styles.muted}>Not run</Text> : null}
        {state.kind === 'running' ? (
          state.slow ? (
            <Spinner size="extra-tiny" labelPosition="after" label="Testing…" />
          ) : (
            <Text className={styles.muted}>Starting…</Text>
          )
        ) : null}
        {state.kind === 'done' ? (
          <Badge appearance="filled" color={OUTCOME_BADGE[state.result.outcome].color}>
            {OUTCOME_BADGE[state.result.outcome].label}
          </Badge>
        ) : null}
        {state.kind === 'failed' ? (
          <Badge appearance="filled" color="danger">
            Not tested
          </Badge>
        ) : null}
      </div>
      <div className={styles.body}>
        {state.kind === 'done' ? (
          <>
            <Text weight="semibold">
              {state.result.explanation}
              {state.result.detail && !state.result.explanation.includes(state.result.detail)
                ? ` (${state.result.detail})`
                : ''}
            </Text>
            {state.result.outcome === 'ok' ? null : <Text>Next step: {state.result.nextStep}</Text>}
            {/* A details line: where and how long, and the code only when something went wrong. */}
            <Text className={styles.mono} data-details-line="">
              {state.result.endpoint} · {timingLine(state.result.timings)}
              {state.result.outcome === 'ok' ? '' : ` · ${state.result.code}`}
            </Text>
            {state.result.serverWords.length > 0 ? (
              <details>
                <summary>What the server said</summary>
                <pre className={styles.words}>{state.result.serverWords.join('\n')}</pre>
              </details>
            ) : null}
          </>
        ) : null}
        {state.kind === 'failed' ? <ErrorBar error={state.error} className={styles.rowError} /> : null}
      </div>
    </li>
  );
}

export function TestMailboxPanel({
  tokenSetId,
  token,
  mailbox,
  cloud,
  overrides,
  initialProtocols,
}: TestMailboxPanelProps) {
  const styles = useStyles();
  const headingId = useId();
  const [chosen, setChosen] = useState<readonly ProbeProtocol[]>(initialProtocols ?? PROTOCOLS);
  const [rows, setRows] = useState<Record<ProbeProtocol, RowState>>(() => ({
    imap: { kind: 'idle' },
    pop: { kind: 'idle' },
    smtp: { kind: 'idle' },
    graph: { kind: 'idle' },
  }));
  const [typed, setTyped] = useState<Record<ProbeProtocol, { host: string; port: string }>>(() => ({
    imap: { host: '', port: '' },
    pop: { host: '', port: '' },
    smtp: { host: '', port: '' },
    graph: { host: '', port: '' },
  }));
  /** Run ids still going, so Cancel can name them and unmounting can stop them. */
  const running = useRef(new Map<ProbeProtocol, string>());
  const generation = useRef(0);

  // Coming back to a run: main kept its latest result per protocol, so the rows show them again.
  useEffect(() => {
    if (tokenSetId === undefined) return;
    let live = true;
    void api.probes.results({ tokenSetId }).then((r) => {
      if (!live || !r.ok || r.value.results.length === 0) return;
      setRows((rows) => {
        const next = { ...rows };
        for (const result of r.value.results) {
          if (next[result.protocol].kind === 'idle') next[result.protocol] = { kind: 'done', result };
        }
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [tokenSetId]);

  // Leaving the page (or a new verdict replacing this panel) stops probes nobody will see.
  useEffect(
    () => () => {
      generation.current++;
      for (const runId of running.current.values()) void api.probes.cancel({ runId });
      running.current.clear();
    },
    [],
  );

  const busy = PROTOCOLS.some((p) => rows[p].kind === 'running');
  const trimmedMailbox = mailbox.trim();
  const hasToken = tokenSetId !== undefined || (token !== undefined && token.length > 0);
  const missing = !hasToken
    ? 'There is no token to test with yet.'
    : trimmedMailbox === ''
      ? 'Enter the mailbox to test (the address the product opens).'
      : undefined;

  const setRow = (p: ProbeProtocol, s: RowState): void => setRows((r) => ({ ...r, [p]: s }));

  const start = (): void => {
    const gen = ++generation.current;
    const eff = effectiveOverrides(overrides, typed);
    const base = newRunId();
    for (const p of PROTOCOLS) if (!chosen.includes(p)) setRow(p, { kind: 'idle' });
    for (const p of chosen) {
      const runId = `${base}-${p}`;
      running.current.set(p, runId);
      setRow(p, { kind: 'running', slow: false });
      const slowTimer = setTimeout(() => {
        if (generation.current === gen)
          setRows((r) => (r[p].kind === 'running' ? { ...r, [p]: { kind: 'running', slow: true } } : r));
      }, SLOW_CALL_MS);
      const request = {
        mailbox: trimmedMailbox,
        protocols: [p],
        cloud,
        runId,
        ...(eff === undefined ? {} : { overrides: eff }),
        ...(tokenSetId !== undefined ? { tokenSetId } : { token: token ?? '' }),
      };
      api.probes
        .run(request)
        .then(
          (r) => {
            if (generation.current !== gen) return;
            if (!r.ok) return setRow(p, { kind: 'failed', error: r.error });
            const result = r.value.results.find((x) => x.protocol === p);
            setRow(
              p,
              result
                ? { kind: 'done', result }
                : {
                    kind: 'failed',
                    error: {
                      code: 'PROBE_NO_RESULT',
                      message: 'The app returned no result for this protocol.',
                      nextStep: 'Run the test again.',
                    },
                  },
            );
          },
          (e: unknown) => {
            if (generation.current !== gen) return;
            setRow(p, {
              kind: 'failed',
              error: {
                code: 'IPC_FAILED',
                message: `The app did not answer: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
                nextStep: 'Try again; if it keeps failing, restart the app.',
              },
            });
          },
        )
        .finally(() => {
          clearTimeout(slowTimer);
          if (running.current.get(p) === runId) running.current.delete(p);
        });
    }
  };

  const cancel = (): void => {
    for (const runId of running.current.values()) void api.probes.cancel({ runId });
  };

  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="test-mailbox">
      <h2 id={headingId} className={styles.h2}>
        Test mailbox
      </h2>
      <p className={styles.intro}>
        Signs in to {trimmedMailbox || 'the mailbox'} over each protocol with this token, the way the product will, and
        reads only: nothing is sent or changed.
      </p>
      <fieldset className={styles.controls} style={{ border: 'none', margin: 0, padding: 0 }} disabled={busy}>
        <legend className={styles.muted}>Protocols to test</legend>
        {PROTOCOLS.map((p) => (
          <Checkbox
            key={p}
            label={PROTOCOL_NAMES[p]}
            checked={chosen.includes(p)}
            onChange={(_e, d) =>
              setChosen((c) =>
                d.checked ? PROTOCOLS.filter((x) => x === p || c.includes(x)) : c.filter((x) => x !== p),
              )
            }
          />
        ))}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={start} disabled={busy || missing !== undefined || chosen.length === 0}>
          Test mailbox
        </Button>
        {busy ? (
          <Button onClick={cancel} aria-label="Cancel the mailbox test">
            Cancel
          </Button>
        ) : null}
        {missing ? <Text className={styles.muted}>{missing}</Text> : null}
      </div>
      <ul className={styles.rows} aria-label="Results per protocol" aria-live="polite">
        {PROTOCOLS.filter((p) => chosen.includes(p) || rows[p].kind !== 'idle').map((p) => (
          <ProbeRow key={p} protocol={p} state={rows[p]} />
        ))}
      </ul>
      <details className={styles.overrides}>
        <summary>Advanced: server overrides</summary>
        <Text as="p" className={styles.muted}>
          Leave empty to use {cloud === 'custom' ? 'the endpoints this app was set up with' : 'the cloud’s own hosts'}.
          For on-premises hybrids or a test server.
        </Text>
        <div className={styles.overrideGrid}>
          {PROTOCOLS.map((p) => (
            <div key={p} className={styles.pair}>
              <Field label={`${PROTOCOL_NAMES[p]} host`}>
                <Input
                  value={typed[p].host}
                  onChange={(_e, d) => setTyped((t) => ({ ...t, [p]: { ...t[p], host: d.value } }))}
                  placeholder={overrides?.[p]?.host ?? ''}
                  autoComplete="off"
                  spellCheck={false}
                  disabled={busy}
                />
              </Field>
              <Field label={`${PROTOCOL_NAMES[p]} port`}>
                <Input
                  value={typed[p].port}
                  onChange={(_e, d) =>
                    setTyped((t) => ({ ...t, [p]: { ...t[p], port: d.value.replace(/\D/g, '').slice(0, 5) } }))
                  }
                  placeholder={overrides?.[p]?.port !== undefined ? String(overrides[p]?.port) : DEFAULT_PORTS[p]}
                  inputMode="numeric"
                  autoComplete="off"
                  disabled={busy}
                />
              </Field>
            </div>
          ))}
        </div>
      </details>
    </section>
  );
}
