// Audit area: the product's registration and mailbox in (typed, or from a saved profile), the admin client out of
// two, then one call: main opens a separate clean window where the admin signs in, reads the directory through
// Microsoft Graph and answers with facts and findings. The renderer never sees the admin's token.
import {
  Button,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { AUDIT_SCOPES, GRAPH_CLI_CLIENT, OWN_CLIENT_SETUP } from '../../../../shared/audit/graph-calls';
import type { AuditRunRequest } from '../../../../shared/audit/schema';
import type { CloudId } from '../../../../shared/cloud/clouds';
import { DEFAULT_PRESET_ID, presetById, type PresetId, type ProtocolId } from '../../../../shared/presets';
import { api, useCall } from '../../api';
import { CallStatus } from '../../components/call-status';
import { customAuthorityOf } from '../../components/custom-authority-fields';
import { useFormStyles } from '../../components/form-styles';
import { PageHeader } from '../../components/page-header';
import { ProductCloudFields, ProtocolFields } from '../../components/product-fields';
import { RegistrationFields } from '../../components/registration-fields';
import { ProfilePicker } from '../profiles/profile-picker';
import { AuditReport } from './audit-report';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
});

interface FormState {
  presetId: PresetId;
  cloud: CloudId;
  authorityHost: string;
  /** A custom authority's CA as main read it from the file chosen in its dialog (content, never a path). */
  caPem: string;
  caLabel: string;
  tenant: string;
  clientId: string;
  redirectUri: string;
  mailbox: string;
  delegate: boolean;
  signInAccount: string;
  protocols: ProtocolId[];
  mode: 'delegated' | 'app-only';
  client: 'graph-cli' | 'own';
  ownClientId: string;
  ownRedirectUri: string;
  adminAccount: string;
  /** Keep the end dates in this saved profile (the one picked), for Watch. */
  profileId: string;
  profileName: string;
}

const INITIAL: FormState = {
  presetId: DEFAULT_PRESET_ID,
  cloud: 'global',
  authorityHost: '',
  caPem: '',
  caLabel: '',
  tenant: '',
  clientId: '',
  redirectUri: '',
  mailbox: '',
  delegate: false,
  signInAccount: '',
  protocols: ['imap', 'smtp'],
  mode: 'delegated',
  client: 'graph-cli',
  ownClientId: '',
  ownRedirectUri: 'http://localhost',
  adminAccount: '',
  profileId: '',
  profileName: '',
};

const MODES = ['delegated', 'app-only'] as const;
const CLIENTS = ['graph-cli', 'own'] as const;

/** A run id the renderer picks, so Cancel names the audit it started. */
const newRunId = (): string => crypto.randomUUID();

export function AuditPage() {
  const styles = { ...useFormStyles(), ...useStyles() };
  const [form, setForm] = useState<FormState>(INITIAL);
  const audit = useCall(api.audit.run);
  const runId = useRef<string | undefined>(undefined);
  const preset = presetById(form.presetId);
  const running = audit.state.status === 'running';
  const set = <K extends keyof FormState>(key: K, value: FormState[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const request = (): AuditRunRequest => {
    const mailbox = form.mailbox.trim();
    const signIn = form.delegate ? form.signInAccount.trim() : '';
    const id = newRunId();
    runId.current = id;
    return {
      runId: id,
      target: {
        presetId: form.presetId,
        cloud: form.cloud,
        ...customAuthorityOf(form.cloud, form),
        tenant: form.tenant.trim(),
        clientId: form.clientId.trim(),
        ...(form.redirectUri.trim() ? { redirectUri: form.redirectUri.trim() } : {}),
        ...(mailbox ? { mailbox } : {}),
        ...(signIn ? { signInAccount: signIn } : {}),
        protocols: form.protocols,
        mode: form.mode,
      },
      client:
        form.client === 'own'
          ? { kind: 'own', clientId: form.ownClientId.trim(), redirectUri: form.ownRedirectUri.trim() }
          : { kind: 'graph-cli' },
      ...(form.adminAccount.trim() ? { adminAccount: form.adminAccount.trim() } : {}),
      ...(form.profileId ? { profileId: form.profileId } : {}),
      timeoutMs: 10 * 60_000,
    };
  };

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void audit.run(request());
  };

  return (
    <>
      <PageHeader
        title="Audit an app registration"
        description="Sign in as an admin in a separate clean window. The app then reads the product’s app registration, its enterprise application and the mailbox through Microsoft Graph — read-only — and says what will break and where to fix it."
      />
      <form onSubmit={onSubmit} aria-label="Audit an app registration" noValidate>
        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={running}>
            <legend className={styles.legend}>What to audit</legend>
            <div className={styles.grid}>
              <ProfilePicker
                onPick={(p) => {
                  const c = p.config;
                  const delegate =
                    c.mailbox !== undefined && c.signInAccount !== undefined && c.mailbox !== c.signInAccount;
                  setForm((f) => ({
                    ...f,
                    presetId: c.presetId,
                    cloud: c.cloud,
                    authorityHost: c.customAuthority?.authorityHost ?? '',
                    caPem: c.customAuthority?.caPem ?? '',
                    caLabel: c.customAuthority?.caLabel ?? '',
                    tenant: c.tenant,
                    clientId: c.clientId,
                    redirectUri: c.redirectUri,
                    mailbox: c.mailbox ?? c.signInAccount ?? '',
                    delegate,
                    signInAccount: delegate ? (c.signInAccount ?? '') : '',
                    profileId: p.id,
                    profileName: p.name,
                  }));
                }}
              />
              <ProductCloudFields values={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
              <RegistrationFields
                values={form}
                // No client secret on this page: only the tenant, client ID and redirect URI arrive here.
                onChange={(name, value) => setForm((f) => ({ ...f, [name]: value }))}
                customAuthority={{
                  cloud: form.cloud,
                  values: form,
                  onChange: (patch) => setForm((f) => ({ ...f, ...patch })),
                }}
                hints={{
                  // This page also asks for the admin's own client ID: say which registration this one is.
                  clientId: 'Of the product’s app registration',
                  redirectUri: 'Exactly as the product shows it; checked against the registration’s Web redirect URIs',
                }}
                // The redirect URI is optional here: without it the audit skips that one check.
                required={{ tenant: true, clientId: true }}
                field={{ redirectUri: { className: styles.wide } }}
              />
              <Field label="Mailbox" hint="The mailbox the product opens" required>
                <Input
                  type="email"
                  value={form.mailbox}
                  onChange={(_e, d) => set('mailbox', d.value)}
                  placeholder="servicedesk@contoso.com"
                  autoComplete="off"
                />
              </Field>
              <Field label="Shared mailbox">
                <Switch
                  checked={form.delegate}
                  onChange={(_e, d) => set('delegate', d.checked)}
                  label="A delegate signs in for it"
                />
              </Field>
              {form.delegate ? (
                <Field label="Delegate who signs in" required>
                  <Input
                    type="email"
                    value={form.signInAccount}
                    onChange={(_e, d) => set('signInAccount', d.value)}
                    autoComplete="off"
                  />
                </Field>
              ) : null}
              <ProtocolFields values={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
              <Field label="How the product signs in" className={styles.wide}>
                <RadioGroup
                  layout="horizontal"
                  value={form.mode}
                  onChange={(_e, d) => {
                    const mode = MODES.find((m) => m === d.value);
                    if (mode) set('mode', mode);
                  }}
                >
                  <Radio value="delegated" label="A user signs in (delegated permissions)" />
                  <Radio value="app-only" label="App-only, with its own secret (application permissions)" />
                </RadioGroup>
              </Field>
            </div>
          </fieldset>
        </section>

        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={running}>
            <legend className={styles.legend}>Admin sign-in</legend>
            <div className={styles.grid}>
              <Field label="Sign in with" className={styles.wide}>
                <RadioGroup
                  value={form.client}
                  onChange={(_e, d) => {
                    const client = CLIENTS.find((c) => c === d.value);
                    if (client) set('client', client);
                  }}
                >
                  <Radio
                    value="graph-cli"
                    label={`${GRAPH_CLI_CLIENT.label} (${GRAPH_CLI_CLIENT.clientId}), Microsoft’s public client — nothing to register`}
                  />
                  <Radio value="own" label="Your own app registration (a public client in your tenant)" />
                </RadioGroup>
              </Field>
              {form.client === 'own' ? (
                <>
                  <Field label="Its Application (client) ID" required>
                    <Input
                      value={form.ownClientId}
                      onChange={(_e, d) => set('ownClientId', d.value)}
                      className={styles.mono}
                      autoComplete="off"
                    />
                  </Field>
                  <Field label="Its redirect URI" hint="Under Mobile and desktop applications" required>
                    <Input
                      value={form.ownRedirectUri}
                      onChange={(_e, d) => set('ownRedirectUri', d.value)}
                      className={styles.mono}
                      autoComplete="off"
                    />
                  </Field>
                  <div className={styles.wide}>
                    <Text size={200} className={styles.note}>
                      To create it: {OWN_CLIENT_SETUP}
                    </Text>
                  </div>
                </>
              ) : null}
              <Field label="Admin account" hint="Prefilled on the sign-in page; you always type the password">
                <Input
                  type="email"
                  value={form.adminAccount}
                  onChange={(_e, d) => set('adminAccount', d.value)}
                  placeholder="admin@contoso.com"
                  autoComplete="off"
                />
              </Field>
              <div className={styles.wide}>
                <Text size={200} className={styles.note}>
                  The admin signs in with the delegated Microsoft Graph permissions {AUDIT_SCOPES.join(', ')}; the
                  sign-in needs their admin consent for the client above. The token stays in the app, is used for the
                  reads only and is dropped when the audit ends.
                  {form.profileId
                    ? ` The secret end dates are kept in the profile “${form.profileName}” for Watch.`
                    : ''}
                </Text>
              </div>
            </div>
          </fieldset>
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={running}>
              Sign in as admin and audit
            </Button>
            {running ? (
              <Button onClick={() => void api.audit.cancel({ runId: runId.current ?? '' })}>Cancel</Button>
            ) : null}
          </div>
        </section>
      </form>

      {running ? (
        <section className={styles.section} aria-label="Audit in progress">
          <Text role="status">Sign in as an admin in the window that opened; the reads follow at once.</Text>
          <ProgressBar aria-label="Audit in progress" />
        </section>
      ) : null}
      <CallStatus
        state={audit.state}
        label="Auditing"
        onRetry={() => void audit.run(request())}
        onDismiss={audit.reset}
      />
      {audit.state.status === 'done' ? <AuditReport result={audit.state.value} preset={preset} /> : null}
    </>
  );
}
