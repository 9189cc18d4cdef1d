// Authorize area: the product's app registration values and the mailbox in, a clean isolated sign-in,
// live flow progress, and the verdict on whose tokens came back with the claims behind it. The renderer
// never holds a token: it gets the verdict, claims and masked previews from main.
import {
  Button,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  memo,
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type SetStateAction,
} from 'react';
import type { FlowKind, FlowState } from '../../../../shared/authorize/schema';
import type { CloudId } from '../../../../shared/cloud/clouds';
import { APP_REQUEST_SCOPES, scopeHostsFor, scopesFor } from '../../../../shared/cloud/scopes';
import { DEFAULT_PRESET_ID, presetById, type Preset, type PresetId, type ProtocolId } from '../../../../shared/presets';
import type { AppError } from '../../../../shared/result';
import { useOnUntilFrameAfter } from '../../after-frame';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { customAuthorityOf } from '../../components/custom-authority-fields';
import { useFormStyles } from '../../components/form-styles';
import { PageHeader } from '../../components/page-header';
import { ProductCloudFields, ProtocolFields } from '../../components/product-fields';
import { REGISTRATION_REQUIRED, RegistrationFields } from '../../components/registration-fields';
import { ProfilePicker } from '../profiles/profile-picker';
import { AppOnlyPanel } from './app-only-panel';
import { FlowSteps } from './flow-steps';
import { VerdictPanel } from './verdict-panel';

const useStyles = makeStyles({
  results: { scrollMarginTop: tokens.spacingVerticalL, ':focus': { outlineStyle: 'none' } },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)' },
});

/** The sign-in prompts the form offers (AuthorizeConfig's prompt). */
const PROMPTS = ['login', 'select_account'] as const;

/**
 * Whether a flow in this state is still going: the form is locked, Cancel is offered and the page follows it.
 * A record, so a new FlowKind fails to compile until it is placed here.
 */
const RUNNING: Readonly<Record<FlowKind, boolean>> = {
  opening: true,
  'signing-in': true,
  redeeming: true,
  verifying: true,
  idle: false,
  done: false,
  failed: false,
  cancelled: false,
};
const isRunning = (kind: FlowKind): boolean => RUNNING[kind];

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

/**
 * The form as the admin left it, kept in the renderer's memory while the app runs, so going to another area and
 * back does not empty it. Never the client secret: that is typed again (or comes from a saved profile in main).
 * The run's verdict is not kept here: main keeps it and the page asks for it (authorize.status without an id).
 */
let remembered: { form: FormState; scopesOverride: string | undefined } | undefined;

/** The field a start error names (the contract's validation path), so that field is marked, not only the page. */
const FIELD_OF_PATH: Readonly<Record<string, keyof FormState>> = {
  tenant: 'tenant',
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  redirectUri: 'redirectUri',
  signInAccount: 'signInAccount',
  mailbox: 'mailbox',
};

/** What an empty required field says, in the Azure portal's names. */
const REQUIRED: Readonly<Partial<Record<keyof FormState, string>>> = {
  ...REGISTRATION_REQUIRED,
  signInAccount: 'Enter the account that signs in.',
};

/** Whether two sets of field marks say the same (unset and undefined alike). */
function sameMarks(a: Partial<Record<string, string>>, b: Partial<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

function defaultScopes(preset: Preset, protocols: readonly ProtocolId[], cloud: CloudId): string {
  const hosts = cloud === 'custom' ? scopeHostsFor('global') : scopeHostsFor(cloud);
  const list = scopesFor(preset, protocols, hosts);
  for (const s of APP_REQUEST_SCOPES) if (!list.includes(s)) list.push(s);
  return list.join(' ');
}

export function AuthorizePage() {
  const styles = { ...useFormStyles(), ...useStyles() };
  const [form, setForm] = useState<FormState>(() => ({ ...(remembered?.form ?? INITIAL), clientSecret: '' }));
  /** The scopes as edited by hand; until then they follow the preset, protocols and cloud. */
  const [scopesOverride, setScopesOverride] = useState<string | undefined>(() => remembered?.scopesOverride);
  const [flow, setFlow] = useState<FlowState>({ kind: 'idle' });
  const [flowId, setFlowId] = useState<string | undefined>();
  const [startError, setStartError] = useState<AppError | undefined>();
  /** Fields the last start attempt found empty or invalid, marked on the field itself. */
  const [invalid, setInvalid] = useState<Partial<Record<keyof FormState, string>>>({});
  /** The region with progress and the verdict: scrolled to and focused when a run starts and when it ends. */
  const resultRef = useRef<HTMLElement>(null);
  const [focusResult, setFocusResult] = useState(0);
  const preset = presetById(form.presetId);
  const scopes = scopesOverride ?? defaultScopes(preset, form.protocols, form.cloud);
  const running = isRunning(flow.kind);
  /**
   * The form locks at once when a run starts, and unlocks once the frame that shows the verdict is out: the form is
   * most of the page, and re-rendering it (even in a background render, which ran before that frame) held the verdict
   * back (issue 22).
   */
  const locked = useOnUntilFrameAfter(running);

  // Keep the form (without the secret) for when the admin comes back to this page.
  useEffect(() => {
    remembered = { form: { ...form, clientSecret: '' }, scopesOverride };
  }, [form, scopesOverride]);

  // Coming back: main keeps the current run, so its progress or verdict is shown again (and followed if running).
  useEffect(() => {
    let live = true;
    void api.authorize.status({}).then((r) => {
      if (!live || !r.ok || r.value.kind === 'idle') return;
      setFlow(r.value);
      if (isRunning(r.value.kind)) setFlowId(r.value.flowId);
    });
    return () => {
      live = false;
    };
  }, []);

  // Scroll to the progress and verdict and move focus there, so a keyboard or screen-reader user lands on it too.
  useEffect(() => {
    if (focusResult === 0) return;
    const el = resultRef.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: 'auto' });
    el.focus({ preventScroll: true });
  }, [focusResult]);

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
        if (!isRunning(last.kind)) {
          // The verdict (or the error) is in: bring it into view.
          setFocusResult((n) => n + 1);
          return;
        }
      }
    };
    void follow();
    return () => {
      stopped = true;
    };
  }, [flowId]);

  // Stable between flow states (it changes with the form only), so the memoized form does not re-render with them.
  const onSubmit = useCallback(
    async (e: FormEvent): Promise<void> => {
      e.preventDefault();
      setStartError(undefined);
      // Empty required fields are marked where they are, before anything is sent.
      const empty: Partial<Record<keyof FormState, string>> = {};
      for (const key of ['tenant', 'clientId', 'redirectUri', 'signInAccount'] as const) {
        if (form[key].trim() === '') empty[key] = REQUIRED[key];
      }
      if (form.clientSecret === '' && form.profileId === '') empty.clientSecret = REQUIRED.clientSecret;
      if (form.delegate && form.mailbox.trim() === '') empty.mailbox = 'Enter the shared mailbox’s address.';
      // The same marks keep the same object: a start with nothing to mark re-renders nothing before it is sent
      // (a new empty object re-rendered the whole form as the sign-in window opened; issue 22).
      setInvalid((was) => (sameMarks(was, empty) ? was : empty));
      if (Object.keys(empty).length > 0) {
        const first = Object.keys(empty)[0];
        document.querySelector<HTMLElement>(`[data-field="${first}"] input`)?.focus();
        return;
      }
      const mailbox = form.delegate && form.mailbox.trim() !== '' ? form.mailbox.trim() : undefined;
      const r = await api.authorize.start({
        presetId: form.presetId,
        cloud: form.cloud,
        ...customAuthorityOf(form.cloud, form),
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
        // A value main refused: mark its field when the error names one; the bar says the rest.
        const named = Object.entries(FIELD_OF_PATH).find(([path]) => r.error.detail?.includes(`${path}:`));
        if (named) setInvalid({ [named[1]]: r.error.message });
        setStartError(r.error);
        setFocusResult((n) => n + 1);
        return;
      }
      setFlow({ kind: 'opening', flowId: r.value.flowId, startedAt: 0 });
      setFlowId(r.value.flowId);
      setFocusResult((n) => n + 1);
    },
    [form, scopes],
  );

  /** "Start a new authorization": main forgets the current run for this page; the form stays filled. */
  const onStartOver = async (): Promise<void> => {
    await api.authorize.startOver('flowId' in flow ? { flowId: flow.flowId } : {});
    setFlow({ kind: 'idle' });
    setFlowId(undefined);
    setStartError(undefined);
    document.querySelector<HTMLElement>('main h1')?.scrollIntoView({ block: 'start' });
  };

  // The running flow's id (set when it starts, or when the page follows a run it came back to).
  const onCancel = useCallback(async (): Promise<void> => {
    await api.authorize.cancel(flowId === undefined ? {} : { flowId });
  }, [flowId]);

  return (
    <>
      <PageHeader
        title="Authorize a mailbox"
        description="Sign the mailbox in from a clean, isolated session — no single sign-on, no cookies from your own browser — with the product’s own app registration, then see whose tokens came back."
      />
      {startError || flow.kind !== 'idle' ? (
        // The run's progress and verdict sit above the form, in a region the page scrolls to and focuses.
        <section
          ref={resultRef}
          tabIndex={-1}
          className={styles.results}
          aria-labelledby="flow-heading"
          data-testid="authorize-result"
        >
          {startError ? <ErrorBar error={startError} what="The authorization did not start" /> : null}
          {flow.kind !== 'idle' ? (
            <section className={styles.section}>
              <h2 id="flow-heading" className={styles.legend}>
                {running ? 'Authorizing…' : 'Last authorization'}
              </h2>
              <div aria-live="polite">
                {running ? <ProgressBar aria-label="Authorization in progress" /> : null}
                <FlowSteps flow={flow} />
              </div>
              {running ? null : (
                <div className={styles.actions}>
                  <Button onClick={() => void onStartOver()}>Start a new authorization</Button>
                </div>
              )}
            </section>
          ) : (
            <h2 id="flow-heading" className={styles.hidden}>
              Authorization
            </h2>
          )}
          {flow.kind === 'done' ? <VerdictPanel result={flow.result} /> : null}
        </section>
      ) : null}
      <AuthorizeForm
        form={form}
        setForm={setForm}
        scopes={scopes}
        setScopesOverride={setScopesOverride}
        invalid={invalid}
        setInvalid={setInvalid}
        locked={locked}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </>
  );
}

interface AuthorizeFormProps {
  readonly form: FormState;
  readonly setForm: Dispatch<SetStateAction<FormState>>;
  readonly scopes: string;
  readonly setScopesOverride: Dispatch<SetStateAction<string | undefined>>;
  readonly invalid: Partial<Record<keyof FormState, string>>;
  readonly setInvalid: Dispatch<SetStateAction<Partial<Record<keyof FormState, string>>>>;
  /** While a run goes (and until the render after it ended): fields, Authorize and the app-only panel's inputs. */
  readonly locked: boolean;
  readonly onSubmit: (e: FormEvent) => Promise<void>;
  readonly onCancel: () => Promise<void>;
}

/**
 * The form and the app-only panel: most of the page's elements. Memoized, so the flow's progress and verdict
 * re-render without it; its props change only when the admin edits it or a run starts or ends.
 */
const AuthorizeForm = memo(function AuthorizeForm({
  form,
  setForm,
  scopes,
  setScopesOverride,
  invalid,
  setInvalid,
  locked,
  onSubmit,
  onCancel,
}: AuthorizeFormProps) {
  const styles = useFormStyles();
  const preset = presetById(form.presetId);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]): void => {
    setForm((f) => ({ ...f, [key]: value }));
    setInvalid((v) => (v[key] === undefined ? v : { ...v, [key]: undefined }));
  };

  /** A field's data-field hook and, after a refused start, its message. */
  const mark = (key: keyof FormState) => ({
    'data-field': key,
    ...(invalid[key] === undefined ? {} : { validationState: 'error' as const, validationMessage: invalid[key] }),
  });

  const redirectHint = preset.redirect.template
    ? `${preset.redirect.template} — ${preset.redirect.howToFill}`
    : preset.redirect.howToFill;

  return (
    <>
      <form onSubmit={(e) => void onSubmit(e)} aria-label="Authorize a mailbox" noValidate>
        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={locked}>
            <legend className={styles.legend}>Product and app registration</legend>
            <div className={styles.grid}>
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
              <ProductCloudFields
                values={form}
                onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
                disabled={locked}
              />
              <RegistrationFields
                values={form}
                onChange={set}
                disabled={locked}
                customAuthority={{
                  cloud: form.cloud,
                  values: form,
                  onChange: (patch) => setForm((f) => ({ ...f, ...patch })),
                }}
                hints={{
                  clientSecret:
                    form.profileId !== ''
                      ? 'Leave empty to use the secret saved with the profile (it stays in the app).'
                      : 'The secret’s Value, not its Secret ID. Kept in the app’s main process only.',
                  redirectUri: redirectHint,
                }}
                required={{ tenant: true, clientId: true, clientSecret: form.profileId === '', redirectUri: true }}
                field={{
                  tenant: mark('tenant'),
                  clientId: mark('clientId'),
                  clientSecret: mark('clientSecret'),
                  redirectUri: { ...mark('redirectUri'), className: styles.wide },
                }}
              />
            </div>
          </fieldset>
        </section>

        <section className={styles.section}>
          <fieldset className={styles.fieldset} disabled={locked}>
            <legend className={styles.legend}>Mailbox and permissions</legend>
            <div className={styles.grid}>
              <Field
                {...mark('signInAccount')}
                label={form.delegate ? 'Delegate who signs in' : 'Mailbox account that signs in'}
                hint="You will sign in as this account in the clean window."
                required
              >
                <Input
                  disabled={locked}
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
                <Field
                  {...mark('mailbox')}
                  label="Shared mailbox address"
                  hint="The mailbox the product opens (XOAUTH2 user=)."
                  required
                >
                  <Input
                    disabled={locked}
                    type="email"
                    value={form.mailbox}
                    onChange={(_e, d) => set('mailbox', d.value)}
                    placeholder="support@contoso.com"
                    autoComplete="off"
                  />
                </Field>
              ) : null}
              <ProtocolFields values={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
              <Field
                label="Scopes"
                hint="Space-separated. Filled from the product and protocols; edit only if the product asks for others."
                className={styles.wide}
              >
                <Textarea
                  disabled={locked}
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
            <Button appearance="primary" type="submit" disabled={locked}>
              Authorize in a clean session
            </Button>
            {locked ? (
              <Button onClick={() => void onCancel()} aria-label="Cancel the sign-in">
                Cancel
              </Button>
            ) : null}
          </div>
        </section>
      </form>

      <AppOnlyPanel
        key={form.presetId}
        preset={preset}
        registration={{
          cloud: form.cloud,
          ...customAuthorityOf(form.cloud, form),
          tenant: form.tenant,
          clientId: form.clientId,
          clientSecret: form.clientSecret,
          redirectUri: form.redirectUri,
        }}
        mailbox={form.delegate && form.mailbox.trim() !== '' ? form.mailbox : form.signInAccount}
      />
    </>
  );
});
