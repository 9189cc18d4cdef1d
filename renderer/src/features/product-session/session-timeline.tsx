// The product session's timeline: each observed OAuth step in order, what the product sent (client, redirect,
// scope, prompt, hint, endpoint version, tenant), what the app changed, and the findings at that step — or,
// at the callback, the AADSTS explanation or the "code received" sentence. The app's own requests (its silent
// identity check) and their answers are marked as the app's, with the ID token's claims; never a code, a token
// or a state value.
import { Badge, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
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
  app: {
    borderInlineStartWidth: tokens.strokeWidthThickest,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorBrandStroke1,
  },
  headerLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The ID token claims an app-answer step carries, under the names an admin meets in the Azure portal's token views. */
function Claims({ claims }: { claims: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  return (
    <dl className={styles.params} aria-label="ID token claims">
      {Object.entries(claims).map(([k, v]) => (
        <div key={k} className={styles.pair}>
          <dt className={styles.key}>{k === 'signature' ? 'signature check' : k}</dt>
          <dd className={styles.mono}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

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
  const appsOwn = step.kind === 'app-request' || step.kind === 'app-answer' || step.kind === 'verdict';
  return (
    <li data-step-kind={step.kind} data-step-seq={step.seq} data-step-by={step.by}>
      <Card className={appsOwn ? styles.app : undefined}>
        <CardHeader
          header={
            <span className={styles.headerLine}>
              <Text weight="semibold" as="h3" className={styles.stepTitle}>
                {step.seq}. {step.title}
              </Text>
              {appsOwn ? (
                <Badge appearance="tint" color="brand">
                  {step.kind === 'app-request' ? 'The app’s own request' : 'The app’s check'}
                </Badge>
              ) : null}
            </span>
          }
          description={<Text size={200}>{`${time} · ${step.host}`}</Text>}
        />
        <Params step={step} />
        {step.claims ? <Claims claims={step.claims} /> : null}
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
