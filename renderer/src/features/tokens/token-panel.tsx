// One inspected token: verdict line, signature status (with a button that asks the main process to verify
// it), findings with cause and next step, the claims table with meanings and times, the header, and a raw
// JSON toggle. Receives the token value only to hand it to window.api.tokens.verify.
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { Finding } from '../../../../shared/findings';
import { HEADER_PARAMETERS, type TokenInspection } from '../../../../shared/tokens';
import { api, useCall } from '../../api';
import { CallStatus } from '../../components/call-status';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalL },
  h2: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  meaning: { color: tokens.colorNeutralForeground2 },
  times: { display: 'block', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  findings: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  finding: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  next: { gridColumn: '2', color: tokens.colorNeutralForeground2 },
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

const SEVERITY_BADGE: Record<Finding['severity'], { color: 'danger' | 'warning' | 'informative'; label: string }> = {
  error: { color: 'danger', label: 'Error' },
  warning: { color: 'warning', label: 'Warning' },
  info: { color: 'informative', label: 'Info' },
};

export function FindingsList({ findings, label }: { findings: readonly Finding[]; label: string }) {
  const styles = useStyles();
  if (findings.length === 0) return null;
  return (
    <ul className={styles.findings} aria-label={label}>
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={styles.finding} data-code={f.code} data-severity={f.severity}>
          <Badge appearance="filled" color={SEVERITY_BADGE[f.severity].color}>
            {SEVERITY_BADGE[f.severity].label}
          </Badge>
          <Text>
            <Text weight="semibold">{f.message}</Text>{' '}
            <Text className={styles.mono}>
              {f.code}
              {f.field ? ` · ${f.field}` : ''}
            </Text>
          </Text>
          <Text className={styles.next}>Next step: {f.nextStep}</Text>
        </li>
      ))}
    </ul>
  );
}

function verdictIntent(t: TokenInspection): 'error' | 'warning' | 'success' | 'info' {
  if (t.findings.some((f) => f.severity === 'error')) return 'error';
  if (t.findings.some((f) => f.severity === 'warning')) return 'warning';
  return t.format === 'jwt' ? 'success' : 'info';
}

function Signature({ inspection, value }: { inspection: TokenInspection; value: string }) {
  const styles = useStyles();
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
            <Badge
              appearance="tint"
              color={
                done.status === 'valid'
                  ? 'success'
                  : done.status === 'invalid-signature' || done.status === 'untrusted-issuer'
                    ? 'danger'
                    : 'warning'
              }
            >
              {done.status}
            </Badge>{' '}
            {done.reason} <Text className={styles.mono}>{done.code}</Text>
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

export function TokenPanel({ inspection: t, value }: { inspection: TokenInspection; value: string }) {
  const styles = useStyles();
  const [raw, setRaw] = useState(false);
  const rawId = useId();
  const intent = verdictIntent(t);
  return (
    <div>
      <MessageBar intent={intent} layout="multiline" data-testid="verdict">
        <MessageBarBody>
          <MessageBarTitle>
            {intent === 'error'
              ? 'Does not fit'
              : intent === 'warning'
                ? 'Check'
                : intent === 'success'
                  ? 'Looks right'
                  : 'Note'}
          </MessageBarTitle>
          {t.verdict}
        </MessageBarBody>
      </MessageBar>
      <Text as="p" className={styles.times}>
        From {t.origin} · {t.format} · {t.preview} · {t.length} characters
      </Text>

      {t.format === 'jwt' && <Signature inspection={t} value={value} />}

      {t.findings.length > 0 && (
        <section className={styles.section} aria-labelledby={`findings-${t.index}`}>
          <h2 id={`findings-${t.index}`} className={styles.h2}>
            Findings
          </h2>
          <FindingsList findings={t.findings} label={`Findings for token ${t.index + 1}`} />
        </section>
      )}

      {t.claimRows.length > 0 && (
        <section className={styles.section} aria-labelledby={`claims-${t.index}`}>
          <h2 id={`claims-${t.index}`} className={styles.h2}>
            Claims
          </h2>
          <Table size="small" aria-labelledby={`claims-${t.index}`} data-testid="claims-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Claim</TableHeaderCell>
                <TableHeaderCell scope="col">Value</TableHeaderCell>
                <TableHeaderCell scope="col">Meaning</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {t.claimRows.map((r) => (
                <TableRow key={r.name}>
                  <TableCell className={styles.mono}>{r.name}</TableCell>
                  <TableCell>
                    <span className={styles.mono}>{r.display}</span>
                    {r.time && (
                      <span className={styles.times}>
                        {r.time.utc} · {r.time.local} · {r.time.relative}
                      </span>
                    )}
                  </TableCell>
                  <TableCell className={styles.meaning}>{r.meaning}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}

      {t.header && (
        <section className={styles.section} aria-labelledby={`header-${t.index}`}>
          <h2 id={`header-${t.index}`} className={styles.h2}>
            Header
          </h2>
          <Table size="small" aria-labelledby={`header-${t.index}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Parameter</TableHeaderCell>
                <TableHeaderCell scope="col">Value</TableHeaderCell>
                <TableHeaderCell scope="col">Meaning</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {Object.entries(t.header).map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell className={styles.mono}>{k}</TableCell>
                  <TableCell className={styles.mono}>{typeof v === 'string' ? v : JSON.stringify(v)}</TableCell>
                  <TableCell className={styles.meaning}>
                    {Object.prototype.hasOwnProperty.call(HEADER_PARAMETERS, k)
                      ? HEADER_PARAMETERS[k]
                      : 'Not a standard header parameter.'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
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
