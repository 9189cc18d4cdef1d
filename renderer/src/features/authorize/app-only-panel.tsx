// App-only mode of the Authorize page, self-contained: with the registration the page holds (cloud or custom
// authority, tenant, client id, client secret — or a certificate main reads from the file chosen in its own dialog)
// and a mailbox, main obtains the app's own tokens (client credentials),
// shows the roles they carry, tests Graph, IMAP, POP and SMTP AUTH with them and — with a canary mailbox the app must not
// reach — says red "this app can read every mailbox in the tenant" with the fix, or green "scoped". On by default
// for a product whose protocols use application permissions (ServiceOps' Graph). The renderer never sees a token.
// Message content only if the admin ticks "Also show the subject…": one subject line, shown here and held nowhere else.
import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AppOnlyRunRequest, AppOnlyRunResult, ChosenCertificate } from '../../../../shared/app-only/schema';
import { appOnlyFields } from '../../../../shared/app-only/verdict';
import type { CloudId } from '../../../../shared/cloud/clouds';
import type { Preset } from '../../../../shared/presets';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { FindingList } from '../../components/finding-list';
import { useFormStyles } from '../../components/form-styles';
import { VerdictBar, type Verdict } from '../../components/verdict-bar';
import { FieldSheet } from '../handover/field-sheet';

const useStyles = makeStyles({
  legend: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, padding: 0 },
  protocols: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  group: { display: 'grid', rowGap: tokens.spacingVerticalXS },
  results: { display: 'grid', rowGap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalM },
  fix: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
  },
  table: {
    borderCollapse: 'collapse',
    '& td, & th': { padding: '2px 12px 2px 0', textAlign: 'left', verticalAlign: 'top' },
  },
});

type ChosenCertificateFacts = Omit<Extract<ChosenCertificate, { chosen: true }>, 'chosen'>;

/** What the page already holds about the registration; the secret goes to main only. */
export interface AppOnlyRegistration {
  readonly cloud: CloudId;
  readonly customAuthority?: AppOnlyRunRequest['customAuthority'];
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The form's redirect URI: kept with the run (app-only mode does not use it; its sheet row says so). */
  readonly redirectUri?: string;
}

export interface AppOnlyPanelProps {
  readonly preset: Preset;
  readonly registration: AppOnlyRegistration;
  /** The mailbox the page names (the shared mailbox, or the account that signs in). */
  readonly mailbox: string;
}

type Protocol = 'graph' | 'imap' | 'pop' | 'smtp';
const PROTOCOL_LABEL: Readonly<Record<Protocol, string>> = {
  graph: 'Microsoft Graph (Mail.Read)',
  imap: 'IMAP (IMAP.AccessAsApp)',
  pop: 'POP (POP.AccessAsApp)',
  // Supported with client credentials ("Authenticate an IMAP, POP or SMTP connection using OAuth"); AUTH only, no mail.
  smtp: 'SMTP AUTH (SMTP.SendAsApp)',
};
const SCOPE_VERDICT: Readonly<Record<'red' | 'green' | 'amber', Verdict>> = { red: 'bad', green: 'ok', amber: 'check' };

/** A product whose protocols list application permissions (ServiceOps' Graph) starts in app-only mode. */
export function usesApplicationPermissions(preset: Preset): boolean {
  return preset.protocols.some((p) => (p.applicationPermissions ?? []).length > 0);
}

function defaultProtocols(preset: Preset): Protocol[] {
  const out: Protocol[] = [];
  for (const p of preset.protocols) {
    if ((p.applicationPermissions ?? []).length === 0) continue;
    if (p.id === 'graph-read') out.push('graph');
    if (p.id === 'imap' || p.id === 'pop' || p.id === 'smtp') out.push(p.id);
  }
  return out.length > 0 ? out : ['graph'];
}

export function AppOnlyPanel({ preset, registration, mailbox }: AppOnlyPanelProps) {
  const styles = useStyles();
  const form = useFormStyles();
  const [on, setOn] = useState(() => usesApplicationPermissions(preset));
  const [protocols, setProtocols] = useState<Protocol[]>(() => defaultProtocols(preset));
  const [canary, setCanary] = useState('');
  // Off by default: the test needs no message content; the admin opts in to see one subject line.
  const [showSubject, setShowSubject] = useState(false);
  const [credential, setCredential] = useState<'secret' | 'certificate'>('secret');
  const [certificate, setCertificate] = useState<ChosenCertificateFacts | undefined>();
  const [certError, setCertError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  const [result, setResult] = useState<AppOnlyRunResult | undefined>();

  const toggle = (p: Protocol, checked: boolean): void =>
    setProtocols((list) => (checked ? [...list.filter((x) => x !== p), p] : list.filter((x) => x !== p)));

  // Main shows its own dialog, reads the PEM and keeps the key; the page holds only the id and the facts.
  const onChooseCertificate = async (): Promise<void> => {
    setCertError(undefined);
    const r = await api.appOnly.chooseCertificate({});
    if (!r.ok) setCertError(r.error);
    else if (r.value.chosen) {
      const { certificateId, label, thumbprint, expires } = r.value;
      setCertificate({ certificateId, label, thumbprint, expires });
    }
  };

  const onRun = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const r = await api.appOnly.run({
      cloud: registration.cloud,
      ...(registration.customAuthority === undefined ? {} : { customAuthority: registration.customAuthority }),
      tenant: registration.tenant,
      clientId: registration.clientId,
      ...(credential === 'certificate' && certificate
        ? { certificateId: certificate.certificateId }
        : { clientSecret: registration.clientSecret }),
      mailbox: mailbox.trim(),
      protocols: (['graph', 'imap', 'pop', 'smtp'] as const).filter((p) => protocols.includes(p)),
      ...(canary.trim() === '' ? {} : { canary: canary.trim() }),
      ...(showSubject && protocols.includes('graph') ? { showSubject: true } : {}),
      // Main keeps the run for its field sheet under the product's fields.
      presetId: preset.id,
      ...(registration.redirectUri === undefined || registration.redirectUri.trim() === ''
        ? {}
        : { redirectUri: registration.redirectUri }),
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  return (
    <section className={form.section} aria-labelledby="app-only-heading">
      <h2 id="app-only-heading" className={styles.legend}>
        App-only access (client credentials)
      </h2>
      <Switch
        checked={on}
        onChange={(_, d) => setOn(d.checked)}
        label="Test the app's own identity instead of a signed-in account"
      />
      {on ? (
        <>
          <p>
            The app signs in as itself with its Application (client) ID and a client secret or certificate, as the
            product does for background fetching. Nobody signs in. Mailbox:{' '}
            <strong>{mailbox.trim() || '(enter it above)'}</strong>.
          </p>
          <Field label="Credential" className={styles.group}>
            <RadioGroup
              layout="horizontal"
              value={credential}
              onChange={(_, d) => setCredential(d.value === 'certificate' ? 'certificate' : 'secret')}
            >
              <Radio value="secret" label="Client secret (the Value entered above)" />
              <Radio value="certificate" label="Certificate" />
            </RadioGroup>
          </Field>
          {credential === 'certificate' ? (
            <div className={styles.group} data-testid="app-only-certificate">
              <div>
                <Button onClick={() => void onChooseCertificate()}>Choose certificate file…</Button>{' '}
                <span>
                  {certificate
                    ? certificate.label
                    : 'A PEM file with the private key and the certificate uploaded under Certificates & secrets → Certificates. The key stays in this app’s main process.'}
                </span>
              </div>
              {certificate ? (
                <span>
                  Thumbprint <span className={form.mono}>{certificate.thumbprint}</span> (compare with the Certificates
                  tab), expires {certificate.expires.slice(0, 10)}.
                </span>
              ) : null}
              {certError ? <ErrorBar error={certError} /> : null}
            </div>
          ) : null}
          <AppOnlyFieldList preset={preset} />
          <div className={form.grid}>
            <div role="group" aria-labelledby="app-only-protocols" className={styles.group}>
              <span id="app-only-protocols">Protocols to test</span>
              <div className={styles.protocols}>
                {(['graph', 'imap', 'pop', 'smtp'] as const).map((p) => (
                  <Checkbox
                    key={p}
                    label={PROTOCOL_LABEL[p]}
                    checked={protocols.includes(p)}
                    onChange={(_, d) => toggle(p, d.checked === true)}
                  />
                ))}
              </div>
              {protocols.includes('graph') ? (
                <Checkbox
                  label="Also show the subject of the newest message (reads one subject line, never the body)"
                  checked={showSubject}
                  onChange={(_, d) => setShowSubject(d.checked === true)}
                />
              ) : null}
            </div>
            <Field
              label="Mailbox the app must not reach (canary)"
              hint="e.g. an executive's mailbox. One read-only request for its Inbox shows whether the app can read every mailbox in the tenant."
            >
              <Input value={canary} onChange={(_, d) => setCanary(d.value)} type="email" />
            </Field>
          </div>
          <Button
            appearance="primary"
            disabled={busy || protocols.length === 0 || (credential === 'certificate' && certificate === undefined)}
            onClick={() => void onRun()}
          >
            {busy ? 'Testing app-only access…' : 'Test app-only access'}
          </Button>
          {error ? <ErrorBar error={error} /> : null}
          {result ? <AppOnlyResult result={result} /> : null}
          {result?.runId !== undefined ? <FieldSheet source={{ appOnlyRunId: result.runId }} /> : null}
        </>
      ) : null}
    </section>
  );
}

function AppOnlyResult({ result }: { readonly result: AppOnlyRunResult }) {
  const styles = useStyles();
  return (
    <div className={styles.results} data-testid="app-only-result">
      {result.scope ? (
        <VerdictBar
          verdict={SCOPE_VERDICT[result.scope.status]}
          title={result.scope.headline}
          data-testid="app-only-scope"
          data-status={result.scope.status}
        >
          <p>{result.scope.explanation}</p>
          {result.scope.fix.length > 0 ? (
            <>
              <p>Fix in Exchange Online PowerShell:</p>
              <pre className={styles.fix} aria-label="Fix in Exchange Online PowerShell">
                {result.scope.fix.join('\n')}
              </pre>
            </>
          ) : null}
          <p>
            Source:{' '}
            {result.scope.sources.map((s, i) => (
              <span key={s.url}>
                {i > 0 ? '; ' : ''}
                {s.title} ({s.url})
              </span>
            ))}
          </p>
        </VerdictBar>
      ) : null}
      <table className={styles.table} aria-label="Application permissions in the tokens">
        <thead>
          <tr>
            <th>API</th>
            <th>Application permissions (roles)</th>
          </tr>
        </thead>
        <tbody>
          {result.roles.map((r) => (
            <tr key={r.resource}>
              <td>{r.resource === 'graph' ? 'Microsoft Graph' : 'Office 365 Exchange Online'}</td>
              <td>{r.roles.length === 0 ? '(none)' : r.roles.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className={styles.table} aria-label="App-only probes">
        <thead>
          <tr>
            <th>Protocol</th>
            <th>Result</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          {result.results.map((r) => (
            <tr key={r.protocol} data-testid={`app-only-probe-${r.protocol}`} data-outcome={r.outcome}>
              <td>{r.protocol === 'graph' ? 'Graph' : r.protocol.toUpperCase()}</td>
              <td>{r.outcome === 'ok' ? 'Works' : 'Refused'}</td>
              <td>
                {r.detail ?? r.explanation}
                {r.outcome === 'ok' ? null : <div>Next: {r.nextStep}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.newestSubject ? <NewestSubjectLine subject={result.newestSubject} /> : null}
      <FindingList findings={result.findings} label="App-only findings" />
    </div>
  );
}

/** The one subject line the admin asked for; said to be shown here only, so nobody looks for it in the sheet. */
function NewestSubjectLine({ subject }: { readonly subject: NonNullable<AppOnlyRunResult['newestSubject']> }) {
  return (
    <p data-testid="app-only-subject" data-state={subject.state}>
      {subject.state === 'shown' ? (
        <>
          Newest message in the Inbox, subject only: <strong>{subject.subject}</strong>
        </>
      ) : subject.state === 'empty' ? (
        'Newest message in the Inbox: none, the Inbox is empty.'
      ) : (
        `The newest message's subject was not read: ${subject.why}`
      )}{' '}
      (Shown on this screen only: not kept, logged, copied or exported.)
    </p>
  );
}

/** Which of the product's fields app-only mode needs, in the product's own labels. */
function AppOnlyFieldList({ preset }: { readonly preset: Preset }) {
  const { needed, unused } = appOnlyFields(preset.fields);
  return (
    <div aria-label={`What ${preset.label} needs for app-only`} role="group">
      <p>
        {preset.label} needs these fields for app-only:{' '}
        {needed.map((f, i) => (
          <span key={f.label}>
            {i > 0 ? ', ' : ''}
            <strong>{f.label}</strong>
            {f.note === undefined ? '' : ` (${f.note})`}
          </span>
        ))}
        .{unused.length > 0 ? ` Not used without a signed-in person: ${unused.join(', ')}.` : ''}
      </p>
    </div>
  );
}
