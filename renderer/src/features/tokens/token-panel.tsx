// One inspected token: verdict banner, signature status (with a button that asks the main process to verify
// it), findings (the shared FindingList), the claims table with meanings and times, the header, and a raw
// JSON toggle. Receives the token value only to hand it to window.api.tokens.verify.
import { Badge, Button, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import type { ResponseOf } from '../../../../shared/contract';
import { HEADER_PARAMETERS, claimRows, type TokenInspection } from '../../../../shared/tokens';
import { api, useCall } from '../../api';
import { CallStatus } from '../../components/call-status';
import { useFactStyles } from '../../components/fact-styles';
import { FactsTable } from '../../components/facts-table';
import { FindingList } from '../../components/finding-list';
import { VerdictBar, verdictOf, type Verdict } from '../../components/verdict-bar';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalL },
  h2: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  times: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  sigRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '480px',
    overflowY: 'auto',
  },
});

/** How a signature check's outcome reads: only a valid signature is good news, a bad one or a stranger is not. */
const SIGNATURE_BADGE: Readonly<Record<ResponseOf<'tokens.verify'>['status'], 'success' | 'danger' | 'warning'>> = {
  valid: 'success',
  'invalid-signature': 'danger',
  'untrusted-issuer': 'danger',
  'not-verifiable-by-design': 'warning',
  'not-verified-offline': 'warning',
  'not-verifiable': 'warning',
};

const VERDICT_TITLE: Readonly<Record<Verdict, string>> = {
  bad: 'Does not fit',
  check: 'Check',
  ok: 'Looks right',
  note: 'Note',
};

/**
 * The banner's verdict and title. "Looks right" is a claim about fit, and fit needs something to fit: without an
 * expected account or mailbox a clean token (the admin's own, say) only gets a neutral account of what was found.
 */
function panelVerdict(t: TokenInspection, accountChecked: boolean): { verdict: Verdict; title: string } {
  // Without a worse finding a decoded JWT looks right; anything else (opaque, malformed) is only noted.
  const verdict = verdictOf(t.findings, t.format === 'jwt' ? 'ok' : 'note');
  if (verdict === 'ok' && !accountChecked) return { verdict: 'note', title: 'What it found' };
  return { verdict, title: VERDICT_TITLE[verdict] };
}

function Signature({ inspection, value }: { inspection: TokenInspection; value: string }) {
  const styles = useStyles();
  const fact = useFactStyles();
  const verify = useCall(api.tokens.verify);
  const s = inspection.signature;
  const done = verify.state.status === 'done' ? verify.state.value : undefined;
  return (
    <section className={styles.section} aria-labelledby={`sig-${inspection.index}`}>
      <h2 id={`sig-${inspection.index}`} className={styles.h2}>
        Signature
      </h2>
      <div className={styles.sigRow}>
        {done ? (
          <Text data-testid="signature-result">
            <Badge appearance="tint" color={SIGNATURE_BADGE[done.status]}>
              {done.status}
            </Badge>{' '}
            {done.reason} <Text className={fact.mono}>{done.code}</Text>
          </Text>
        ) : (
          <Text>{s.reason}</Text>
        )}
        {s.status === 'unchecked' && !done && (
          <Button
            appearance="secondary"
            onClick={() => void verify.run({ token: value })}
            disabled={verify.state.status === 'running'}
          >
            Verify signature
          </Button>
        )}
      </div>
      <CallStatus
        state={verify.state}
        label="Fetching the issuer’s keys"
        onRetry={() => void verify.run({ token: value })}
        onDismiss={verify.reset}
      />
    </section>
  );
}

export function TokenPanel({
  inspection: t,
  checkedAt,
  value,
  accountChecked,
}: {
  inspection: TokenInspection;
  /** The inspection's own "now" (epoch seconds): the claim rows' relative times are said against it. */
  checkedAt: number;
  value: string;
  /** Whether an expected account or mailbox was given, so "looks right" can mean "fits". */
  accountChecked: boolean;
}) {
  const styles = useStyles();
  const [raw, setRaw] = useState(false);
  const rawId = useId();
  const fact = useFactStyles();
  const { verdict, title } = panelVerdict(t, accountChecked);
  // Display rows are built here, where they are shown, once per token (the inspection itself does not build them).
  const rows = useMemo(() => (t.claims ? claimRows(t.claims, checkedAt) : []), [t.claims, checkedAt]);
  return (
    <div>
      <VerdictBar verdict={verdict} title={title} data-testid="verdict" data-verdict={verdict}>
        {t.verdict}
      </VerdictBar>
      <Text as="p" className={styles.times}>
        From {t.origin} · {t.format} · {t.preview} · {t.length} characters
      </Text>

      {t.format === 'jwt' && <Signature inspection={t} value={value} />}

      {t.findings.length > 0 && (
        <section className={styles.section} aria-labelledby={`findings-${t.index}`}>
          <h2 id={`findings-${t.index}`} className={styles.h2}>
            Findings
          </h2>
          <FindingList findings={t.findings} label={`Findings for token ${t.index + 1}`} />
        </section>
      )}

      {rows.length > 0 && (
        <section className={styles.section} aria-labelledby={`claims-${t.index}`}>
          <h2 id={`claims-${t.index}`} className={styles.h2}>
            Claims
          </h2>
          <FactsTable
            label={{ by: `claims-${t.index}` }}
            data-testid="claims-table"
            rows={rows}
            rowKey={(r) => r.name}
            columns={[
              { header: 'Claim', cell: (r) => r.name, className: fact.mono },
              {
                header: 'Value',
                cell: (r) => (
                  <>
                    <span className={fact.mono}>{r.display}</span>
                    {r.time && (
                      <span className={styles.times}>
                        {r.time.utc} · {r.time.local} · {r.time.relative}
                      </span>
                    )}
                  </>
                ),
              },
              { header: 'Meaning', cell: (r) => r.meaning, className: fact.secondary },
            ]}
          />
        </section>
      )}

      {t.header && (
        <section className={styles.section} aria-labelledby={`header-${t.index}`}>
          <h2 id={`header-${t.index}`} className={styles.h2}>
            Header
          </h2>
          <FactsTable
            label={{ by: `header-${t.index}` }}
            rows={Object.entries(t.header)}
            rowKey={([k]) => k}
            columns={[
              { header: 'Parameter', cell: ([k]) => k, className: fact.mono },
              {
                header: 'Value',
                cell: ([, v]) => (typeof v === 'string' ? v : JSON.stringify(v)),
                className: fact.mono,
              },
              {
                header: 'Meaning',
                cell: ([k]) =>
                  Object.prototype.hasOwnProperty.call(HEADER_PARAMETERS, k)
                    ? HEADER_PARAMETERS[k]
                    : 'Not a standard header parameter.',
                className: fact.secondary,
              },
            ]}
          />
        </section>
      )}

      {(t.header || t.claims) && (
        <section className={styles.section}>
          <Switch id={rawId} label="Show raw JSON" checked={raw} onChange={(_e, d) => setRaw(d.checked)} />
          {raw && (
            <pre className={styles.pre} aria-label="Raw header and claims" tabIndex={0}>
              {JSON.stringify({ header: t.header, claims: t.claims }, null, 2)}
            </pre>
          )}
        </section>
      )}
    </div>
  );
}
