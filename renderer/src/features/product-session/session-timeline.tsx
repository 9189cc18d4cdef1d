// The product session's timeline: each observed OAuth step in order, what the product sent (client, redirect,
// scope, prompt, hint, endpoint version, tenant), what the app changed, and the findings at that step — or,
// at the callback, the AADSTS explanation or the "code received" sentence. Never shows a code or a state value.
import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ProductSessionState, TimelineStep } from '../../../../shared/product-session';
import { ErrorBar } from '../../components/call-status';
import { FindingList } from '../../components/finding-list';
import { ExplainCardView } from '../explain/explain-card';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', rowGap: tokens.spacingVerticalM },
  params: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  pair: { display: 'contents' },
  stepTitle: { margin: 0, fontSize: tokens.fontSizeBase300 },
  key: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all', margin: 0 },
  row: { display: 'block' },
  empty: { color: tokens.colorNeutralForeground2 },
});

function Params({ step }: { step: TimelineStep }) {
  const styles = useStyles();
  const r = step.request;
  if (!r) return null;
  const rows: [string, string][] = [
    ['Endpoint', `${r.endpoint} (${r.version})`],
    ['Tenant', r.tenant],
    ['client_id', r.clientId ?? '(none)'],
    ['redirect_uri', r.redirectUri ?? '(none)'],
    ['scope', r.scope ?? '(none)'],
    ...(r.resource === undefined ? [] : [['resource', r.resource] as [string, string]]),
    ['response_type', r.responseType ?? '(none)'],
    ...(r.responseMode === undefined ? [] : [['response_mode', r.responseMode] as [string, string]]),
    ['prompt', r.prompt ?? '(none)'],
    ['login_hint', r.loginHint ?? '(none)'],
    ['state / PKCE', `${r.hasState ? 'state sent' : 'no state'}, ${r.hasPkce ? 'PKCE challenge sent' : 'no PKCE'}`],
  ];
  return (
    <dl className={styles.params}>
      {rows.map(([k, v]) => (
        <div key={k} className={styles.pair}>
          <dt className={styles.key}>{k}</dt>
          <dd className={styles.mono}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Step({ step }: { step: TimelineStep }) {
  const styles = useStyles();
  const time = step.at.slice(11, 19);
  return (
    <li data-step-kind={step.kind} data-step-seq={step.seq}>
      <Card>
        <CardHeader
          header={
            <Text weight="semibold" as="h3" className={styles.stepTitle}>
              {step.seq}. {step.title}
            </Text>
          }
          description={<Text size={200}>{`${time} · ${step.host}`}</Text>}
        />
        <Params step={step} />
        {step.rewrite?.enabled ? (
          <Text className={styles.row} data-testid="rewrite">
            {step.rewrite.changed
              ? `Rewritten before it left: ${step.rewrite.changes.map((c) => `${c.param} ${c.before === undefined ? '(absent)' : `“${c.before}”`} → “${c.after}”`).join('; ')}. Every other parameter was sent exactly as the product built it.`
              : 'Already asked for a fresh sign-in of the mailbox; sent unchanged.'}
          </Text>
        ) : step.rewrite ? (
          <Text className={styles.row}>Sent unchanged (forcing a fresh sign-in is off).</Text>
        ) : null}
        {step.message ? (
          <Text className={styles.row} data-testid="step-message">
            {step.message}
          </Text>
        ) : null}
        {step.explanation?.cards.map((c) => (
          <ExplainCardView key={c.code} card={c} appearance="filled-alternative" serverText={false} />
        ))}
        <FindingList findings={step.findings} label={`Findings at step ${step.seq}`} />
      </Card>
    </li>
  );
}

export function SessionTimeline({ session }: { session: ProductSessionState }) {
  const styles = useStyles();
  if (session.kind === 'idle')
    return <Text className={styles.empty}>No product session yet. Open the product to start watching.</Text>;
  return (
    <div data-session-state={session.kind}>
      {session.kind === 'failed' ? <ErrorBar error={session.error} /> : null}
      <ol className={styles.list} aria-label="Product session timeline" aria-live="polite">
        {session.steps.map((s) => (
          <Step key={s.seq} step={s} />
        ))}
      </ol>
    </div>
  );
}
