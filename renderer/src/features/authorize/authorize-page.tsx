// Authorize area: the product's app registration values and the mailbox in, a clean isolated sign-in,
// live flow progress, and the verdict on whose tokens came back with the claims behind it. The renderer
// never holds a token: it gets the verdict, claims and masked previews from main.
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { assertNever } from '../../../../shared/assert-never';
import type { FlowKind, FlowState } from '../../../../shared/authorize/schema';
import { CLOUD_LIST, isCloudId, type CloudId } from '../../../../shared/cloud/clouds';
import { isHostPort } from '../../../../shared/cloud/host-port';
import { APP_REQUEST_SCOPES, scopeHostsFor, scopesFor } from '../../../../shared/cloud/scopes';
import {
  DEFAULT_PRESET_ID,
  PRESETS,
  isPresetId,
  presetById,
  type Preset,
  type PresetId,
  type ProtocolId,
} from '../../../../shared/presets';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { PageHeader } from '../../components/page-header';
import { ProfilePicker } from '../profiles/profile-picker';
import { AppOnlyPanel } from './app-only-panel';
import { FlowSteps } from './flow-steps';
import { VerdictPanel } from './verdict-panel';
import { cardStyle } from '../../components/card-style';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalM,
    // Fields in a row keep their own height: a neighbour's hint must not stretch an input.
    alignItems: 'start',
    maxWidth: '72rem',
  },
  section: {
    ...cardStyle,
    marginBottom: tokens.spacingVerticalL,
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
  },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  wide: { gridColumn: '1 / -1' },
  protocols: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    marginTop: tokens.spacingVerticalM,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** The sign-in prompts the form offers (AuthorizeConfig's prompt). */
const PROMPTS = ['login', 'select_account'] as const;

/** Whether a flow in this state is still going: the form is locked, Cancel is offered and the page follows it. */
function isRunning(kind: FlowKind): boolean {
  switch (kind) {
    case 'opening':
    case 'signing-in':
    case 'redeeming':
    case 'verifying':
      return true;
    case 'idle':
    case 'done':
    case 'failed':
    case 'cancelled':
      return false;
    default:
      return assertNever(kind, 'flow state');
  }
}

interface FormState {
  presetId: PresetId;
  cloud: CloudId;
  authorityHost: string;
  /** The custom authority's CA as main read it from the file chosen in main's dialog, and what to call it. */
  caPem: string;
  caLabel: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  signInAccount: string;
  delegate: boolean;
  mailbox: string;
  protocols: ProtocolId[];
  prompt: (typeof PROMPTS)[number];
  /** A saved profile whose sealed secret main uses when the secret field is left empty. */
  profileId: string;
}

const INITIAL: FormState = {
  presetId: DEFAULT_PRESET_ID,
  cloud: 'global',
  authorityHost: '',
  caPem: '',
  caLabel: '',
  tenant: '',
  clientId: '',
  clientSecret: '',
  redirectUri: '',
  signInAccount: '',
  delegate: false,
  mailbox: '',
  protocols: ['imap', 'smtp'],
  prompt: 'login',
  profileId: '',
};

function defaultScopes(preset: Preset, protocols: readonly ProtocolId[], cloud: CloudId): string {
  const hosts = cloud === 'custom' ? scopeHostsFor('global') : scopeHostsFor(cloud);
  const list = scopesFor(preset, protocols, hosts);
  for (const s of APP_REQUEST_SCOPES) if (!list.includes(s)) list.push(s);
  return list.join(' ');
}

export function AuthorizePage() {
  const styles = useStyles();
  const [form, setForm] = useState<FormState>(INITIAL);
  /** The scopes as edited by hand; until then they follow the preset, protocols and cloud. */
  const [scopesOverride, setScopesOverride] = useState<string | undefined>();
  const [flow, setFlow] = useState<FlowState>({ kind: 'idle' });
  const [flowId, setFlowId] = useState<string | undefined>();
  const [startError, setStartError] = useState<AppError | undefined>();
  const preset = presetById(form.presetId);
  const scopes = scopesOverride ?? defaultScopes(preset, form.protocols, form.cloud);
  const running = isRunning(flow.kind);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  // Follow the flow while it runs: each call long-polls until the state changes (main answers at once on a
  // change, or after a few seconds), so progress and the verdict appear without polling delay.
  useEffect(() => {
    if (flowId === undefined) return;
    let stopped = false;
    const follow = async (): Promise<void> => {
      let last: FlowState = { kind: 'opening', flowId, startedAt: 0 };
      for (;;) {
        const r = await api.authorize.status({
          flowId,
          waitWhile: last.kind,
          ...(last.kind === 'signing-in' && last.host ? { host: last.host } : {}),
          waitMs: 5_000,
        });
        if (stopped) return;
        if (!r.ok) {
          setFlow({ kind: 'failed', flowId, startedAt: 0, finishedAt: 0, error: r.error });
          return;
        }
        last = r.value;
        setFlow(last);
        if (!isRunning(last.kind)) return;
      }
    };
    void follow();
    return () => {
      stopped = true;
    };
  }, [flowId]);

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setStartError(undefined);
    const mailbox = form.delegate && form.mailbox.trim() !== '' ? form.mailbox.trim() : undefined;
    const r = await api.authorize.start({
      presetId: form.presetId,
      cloud: form.cloud,
      ...(form.cloud === 'custom'
        ? {
            customAuthority: {
              authorityHost: form.authorityHost.trim(),
              graphHost: form.authorityHost.trim(),
              outlookResourceHost: form.authorityHost.trim(),
              ...(form.caPem !== '' ? { caPem: form.caPem, caLabel: form.caLabel } : {}),
            },
          }
        : {}),
      tenant: form.tenant,
      clientId: form.clientId,
      ...(form.clientSecret === '' && form.profileId !== ''
        ? { profileId: form.profileId }
        : { clientSecret: form.clientSecret }),
      redirectUri: form.redirectUri,
      signInAccount: form.signInAccount.trim(),
      ...(mailbox ? { mailbox } : {}),
      scopes: scopes.split(/\s+/).filter((s) => s.length > 0),
      prompt: form.prompt,
    });
    if (!r.ok) {
      setStartError(r.error);
      return;
    }
    setFlow({ kind: 'opening', flowId: r.value.flowId, startedAt: 0 });
    setFlowId(r.value.flowId);
  };

  /** Main shows its own open dialog and reads the file; the page keeps the CA's content it answers. */
  const onChooseCa = async (): Promise<void> => {
    setStartError(undefined);
    const r = await api.authorize.chooseCa({});
    if (!r.ok) {
      setStartError(r.error);
      return;
    }
    if (r.value.chosen) {
      const { caPem, caLabel } = r.value;
      setForm((f) => ({ ...f, caPem, caLabel }));
    }
  };

  const onCancel = async (): Promise<void> => {
    await api.authorize.cancel('flowId' in flow ? { flowId: flow.flowId } : {});
  };

  const protocolOptions = useMemo(() => preset.protocols.map((p) => ({ id: p.id, label: p.label })), [preset]);
  const redirectHint = preset.redirect.template
    ? `${preset.redirect.template} — ${preset.redirect.howToFill}`
    : preset.redirect.howToFill;

  return (
    <>
      <PageHeader
        title="Authorize a mailbox"
        description="Sign the mailbox in from a clean, isolated session — no single sign-on, no cookies from your own browser — with the product’s own app registration, then see whose tokens came back."
      />
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Authorize a mailbox" noValidate>
        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={running}>
            <legend className={styles.legend}>Product and app registration</legend>
            <div className={styles.form}>
              <ProfilePicker
                onPick={(p) => {
                  const c = p.config;
                  const delegate = c.mailbox !== undefined && c.mailbox !== c.signInAccount;
                  setScopesOverride(c.scopes.join(' '));
                  setForm((f) => ({
                    ...f,
                    presetId: c.presetId,
                    cloud: c.cloud,
                    authorityHost: c.customAuthority?.authorityHost ?? '',
                    caPem: c.customAuthority?.caPem ?? '',
                    caLabel: c.customAuthority?.caLabel ?? '',
                    tenant: c.tenant,
                    clientId: c.clientId,
                    clientSecret: '',
                    redirectUri: c.redirectUri,
                    signInAccount: c.signInAccount ?? '',
                    delegate,
                    mailbox: delegate ? (c.mailbox ?? '') : '',
                    profileId: p.hasSecret ? p.id : '',
                  }));
                }}
              />
              <Field label="Product">
                <Dropdown
                  aria-label="Product"
                  value={preset.label}
                  selectedOptions={[form.presetId]}
                  onOptionSelect={(_e, d) => {
                    if (!isPresetId(d.optionValue)) return;
                    const next = presetById(d.optionValue);
                    setForm((f) => {
                      // Keep the ticked protocols the new product has too; else start from its first one.
                      const kept = next.protocols.map((p) => p.id).filter((id) => f.protocols.includes(id));
                      return {
                        ...f,
                        presetId: next.id,
                        protocols: kept.length > 0 ? kept : next.protocols.slice(0, 1).map((p) => p.id),
                      };
                    });
                  }}
                >
                  {PRESETS.map((p) => (
                    <Option key={p.id} value={p.id}>
                      {p.label}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Field label="Cloud">
                <Dropdown
                  aria-label="Cloud"
                  value={CLOUD_LIST.find((c) => c.id === form.cloud)?.label ?? ''}
                  selectedOptions={[form.cloud]}
                  onOptionSelect={(_e, d) => {
                    if (isCloudId(d.optionValue)) set('cloud', d.optionValue);
                  }}
                >
                  {CLOUD_LIST.map((c) => (
                    <Option key={c.id} value={c.id}>
                      {c.label}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {form.cloud === 'custom' ? (
                <>
                  <Field
                    label="Authority host"
                    hint="host:port of the identity provider, e.g. localhost:8443 for the built-in emulator"
                    required
                    {...(form.authorityHost.trim() !== '' && !isHostPort(form.authorityHost.trim())
                      ? { validationMessage: 'Only a host or host:port, without https:// or a path.' }
                      : {})}
                  >
                    <Input
                      value={form.authorityHost}
                      onChange={(_e, d) => set('authorityHost', d.value)}
                      className={styles.mono}
                    />
                  </Field>
                  <Field
                    label="CA certificate"
                    hint="Only for a private CA, e.g. the emulator’s: the sign-in window trusts it for this host only."
                  >
                    <div className={styles.actions} style={{ marginTop: 0 }}>
                      <Button style={{ flexShrink: 0 }} onClick={() => void onChooseCa()}>
                        Choose CA file…
                      </Button>
                      {form.caPem !== '' ? (
                        <>
                          <span className={styles.mono} data-testid="ca-label">
                            {form.caLabel || 'CA certificate chosen'}
                          </span>
                          <Button
                            appearance="subtle"
                            onClick={() => setForm((f) => ({ ...f, caPem: '', caLabel: '' }))}
                          >
                            Remove
                          </Button>
                        </>
                      ) : (
                        <span>None (the system’s trusted CAs)</span>
                      )}
                    </div>
                  </Field>
                </>
              ) : null}
              <Field
                label="Directory (tenant) ID"
                hint="GUID or verified domain, from the app registration’s Overview"
                required
              >
                <Input
                  value={form.tenant}
                  onChange={(_e, d) => set('tenant', d.value)}
                  className={styles.mono}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field label="Application (client) ID" required>
                <Input
                  value={form.clientId}
                  onChange={(_e, d) => set('clientId', d.value)}
                  className={styles.mono}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <Field
                label="Client secret (Value)"
                hint={
                  form.profileId !== ''
                    ? 'Leave empty to use the secret saved with the profile (it stays in the app).'
                    : 'The secret’s Value, not its Secret ID. Kept in the app’s main process only.'
                }
                required={form.profileId === ''}
              >
                <Input
                  type="password"
                  value={form.clientSecret}
                  onChange={(_e, d) => set('clientSecret', d.value)}
                  autoComplete="off"
                />
              </Field>
              <Field label="Redirect URI" hint={redirectHint} required className={styles.wide}>
                <Input
                  value={form.redirectUri}
                  onChange={(_e, d) => set('redirectUri', d.value)}
                  className={styles.mono}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            </div>
          </fieldset>
        </section>

        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={running}>
            <legend className={styles.legend}>Mailbox and permissions</legend>
            <div className={styles.form}>
              <Field
                label={form.delegate ? 'Delegate who signs in' : 'Mailbox account that signs in'}
                hint="You will sign in as this account in the clean window."
                required
              >
                <Input
                  type="email"
                  value={form.signInAccount}
                  onChange={(_e, d) => set('signInAccount', d.value)}
                  placeholder="servicedesk@contoso.com"
                  autoComplete="off"
                />
              </Field>
              <Field label="Shared mailbox">
                <Switch
                  checked={form.delegate}
                  onChange={(_e, d) => set('delegate', d.checked)}
                  label="A delegate signs in for a shared mailbox"
                />
              </Field>
              {form.delegate ? (
                <Field label="Shared mailbox address" hint="The mailbox the product opens (XOAUTH2 user=)." required>
                  <Input
                    type="email"
                    value={form.mailbox}
                    onChange={(_e, d) => set('mailbox', d.value)}
                    placeholder="support@contoso.com"
                    autoComplete="off"
                  />
                </Field>
              ) : null}
              <fieldset className={`${styles.fieldset} ${styles.wide}`}>
                <legend>Protocols the product uses</legend>
                <div className={styles.protocols}>
                  {protocolOptions.map((p) => (
                    <Checkbox
                      key={p.id}
                      label={p.label}
                      checked={form.protocols.includes(p.id)}
                      onChange={(_e, d) =>
                        setForm((f) => ({
                          ...f,
                          protocols: d.checked ? [...f.protocols, p.id] : f.protocols.filter((x) => x !== p.id),
                        }))
                      }
                    />
                  ))}
                </div>
              </fieldset>
              <Field
                label="Scopes"
                hint="Space-separated. Filled from the product and protocols; edit only if the product asks for others."
                className={styles.wide}
              >
                <Textarea
                  value={scopes}
                  onChange={(_e, d) => setScopesOverride(d.value)}
                  className={styles.mono}
                  resize="vertical"
                  rows={2}
                />
              </Field>
              <Field label="Sign-in prompt" className={styles.wide}>
                <RadioGroup
                  layout="horizontal"
                  value={form.prompt}
                  onChange={(_e, d) => {
                    const prompt = PROMPTS.find((p) => p === d.value);
                    if (prompt) set('prompt', prompt);
                  }}
                >
                  <Radio value="login" label="Always ask for credentials (prompt=login, recommended)" />
                  <Radio value="select_account" label="Let me pick an account (prompt=select_account)" />
                </RadioGroup>
              </Field>
            </div>
          </fieldset>
          <div className={styles.actions}>
            <Button appearance="primary" type="submit" disabled={running}>
              Authorize in a clean session
            </Button>
            {running ? (
              <Button onClick={() => void onCancel()} aria-label="Cancel the sign-in">
                Cancel
              </Button>
            ) : null}
          </div>
        </section>
      </form>

      {startError ? <ErrorBar error={startError} /> : null}

      <AppOnlyPanel
        key={form.presetId}
        preset={preset}
        registration={{
          cloud: form.cloud,
          ...(form.cloud === 'custom'
            ? {
                customAuthority: {
                  authorityHost: form.authorityHost.trim(),
                  graphHost: form.authorityHost.trim(),
                  outlookResourceHost: form.authorityHost.trim(),
                  ...(form.caPem !== '' ? { caPem: form.caPem, caLabel: form.caLabel } : {}),
                },
              }
            : {}),
          tenant: form.tenant,
          clientId: form.clientId,
          clientSecret: form.clientSecret,
        }}
        mailbox={form.delegate && form.mailbox.trim() !== '' ? form.mailbox : form.signInAccount}
      />

      {flow.kind !== 'idle' ? (
        <section className={styles.section} aria-labelledby="flow-heading">
          <h2 id="flow-heading" className={styles.legend}>
            Progress
          </h2>
          {running ? <ProgressBar aria-label="Authorization in progress" /> : null}
          <FlowSteps flow={flow} />
        </section>
      ) : null}
      {flow.kind === 'done' ? <VerdictPanel result={flow.result} /> : null}
    </>
  );
}
