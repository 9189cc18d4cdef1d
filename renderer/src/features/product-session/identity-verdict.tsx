// Whose account the product got: the product session's verdict in one banner (green for the expected mailbox or
// its delegate, red naming both accounts, amber when only the sign-in page's word backs it), the next step, which
// evidence decided, and what each way of checking found. While the app's own check runs, a spinner says so.
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
// The pure module and the schema's types only: the schemas themselves stay out of the renderer's chunks.
import { IDENTITY_METHOD_LABEL } from '../../../../shared/product-session/identity-methods';
import type { IdentityEvidence, ProductSessionVerdict } from '../../../../shared/product-session/identity-schema';
import { assertNever } from '../../../../shared/assert-never';
import { VerdictBar, type Verdict } from '../../components/verdict-bar';

const useStyles = makeStyles({
  how: { display: 'block', marginTop: tokens.spacingVerticalXS },
  list: { margin: `${tokens.spacingVerticalS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
  item: { marginBottom: tokens.spacingVerticalXXS },
  method: { fontWeight: tokens.fontWeightSemibold },
  waiting: { color: tokens.colorNeutralForeground2 },
});

/** Green only for a proven right account; amber when only the sign-in page says so; red otherwise. */
function barOf(v: ProductSessionVerdict): Verdict {
  if (!v.ok) return 'bad';
  return v.proof === 'proven' ? 'ok' : 'check';
}

/** What one way of checking found, in a few words. */
function found(e: IdentityEvidence): string {
  const o = e.outcome;
  switch (o.kind) {
    case 'account':
      return e.method === 'sign-in-form' ? `${o.account} (not proven)` : `an ID token for ${o.account}`;
    case 'not-signed-in':
      return `${o.error}${o.aadsts ? ` (${o.aadsts})` : ''}: ${e.loginHint ?? 'that account'} is not signed in there`;
    case 'inconclusive':
      return `no proof — ${o.reason}`;
    case 'not-tried':
      return `not tried — ${o.reason}`;
    default:
      return assertNever(o, 'evidence outcome');
  }
}

export function IdentityVerdict({
  verdict,
  checking,
}: {
  verdict: ProductSessionVerdict | undefined;
  checking: boolean;
}) {
  const styles = useStyles();
  if (checking)
    return (
      <Spinner
        size="tiny"
        labelPosition="after"
        label="Checking whose account the product got (the app’s own silent sign-in)…"
        role="status"
      />
    );
  if (verdict === undefined)
    return (
      <Text className={styles.waiting}>
        After the product’s callback receives a code, the app checks here whose account the product got.
      </Text>
    );
  const decider = verdict.evidence.findIndex((e) => e.method === verdict.decidedBy);
  return (
    <VerdictBar
      verdict={barOf(verdict)}
      title={verdict.sentence}
      data-verdict-code={verdict.code}
      data-verdict-proof={verdict.proof}
      data-verdict-ok={String(verdict.ok)}
    >
      Next step: {verdict.nextStep}
      <Text className={styles.how} data-testid="verdict-how">
        {verdict.how}
      </Text>
      <ul className={styles.list} aria-label="How the app checked">
        {verdict.evidence.map((e, i) => (
          <li key={i} className={styles.item} data-evidence-method={e.method} data-evidence-outcome={e.outcome.kind}>
            <span className={styles.method}>
              {IDENTITY_METHOD_LABEL[e.method]}
              {e.loginHint
                ? `, asked for ${e.loginHint}`
                : e.method === 'sign-in-form'
                  ? ''
                  : ', asked who is signed in'}
              {i === decider ? ' — decided' : ''}:
            </span>{' '}
            {found(e)}
          </li>
        ))}
      </ul>
    </VerdictBar>
  );
}
