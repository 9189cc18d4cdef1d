// Product session area: open the product's own admin page in a clean, isolated session so its own
// "Authorize" button runs without SSO, while the app watches (and, by default, forces prompt=login +
// login_hint on) its Microsoft sign-in request, then checks whose account the product got. Owns the form (the
// account that must sign in, a delegate's shared mailbox, the optional client secret or a saved profile's), the
// open/close calls and the polling of productSession.status; the verdict is drawn by IdentityVerdict and the
// timeline by SessionTimeline. A typed secret goes to main once, in the open call, and is never read back.
import { Button, Field, Input, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ProductSessionState } from '../../../../shared/product-session';
import { DEFAULT_PRESET_ID, presetById, type PresetId } from '../../../../shared/presets';
import type { CloudId } from '../../../../shared/cloud/clouds';
import type { ProfileView } from '../../../../shared/profiles/profile';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { PageHeader } from '../../components/page-header';
import { ProductField } from '../../components/product-fields';
import { ProfilePicker } from '../profiles/profile-picker';
import { ServiceNowProofPanel } from '../tokens/store-proof';
import { IdentityVerdict } from './identity-verdict';
import { SessionTimeline } from './session-timeline';

const POLL_MS = 700;

const useStyles = makeStyles({
  why: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXS },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '70ch' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
  section: { marginTop: tokens.spacingVerticalXL, maxWidth: '90ch' },
  h2: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
});

/** What a picked profile brings besides the form's fields: its secret (by id, if saved), cloud and tenant. */
interface PickedProfile {
  readonly id: string;
  readonly hasSecret: boolean;
  readonly cloud: CloudId;
  readonly tenant: string;
}

/** The product's origin from a redirect URI (https://acme.service-now.com/oauth_redirect.do → https://acme.service-now.com/). */
function originOf(uri: string): string | undefined {
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.origin}/` : undefined;
  } catch {
    return undefined;
  }
}

/** The preset's redirect template's origin, e.g. https://{instance}/ for ServiceNow. */
function baseTemplate(presetId: PresetId): string {
  const t = presetById(presetId).redirect.template;
  const m = t === undefined ? undefined : /^(https?:\/\/[^/]+)\//.exec(t);
  return m?.[1] === undefined ? 'https://' : `${m[1]}/`;
}

export function ProductSessionPage() {
  const styles = useStyles();
  const [preset, setPreset] = useState<PresetId>(DEFAULT_PRESET_ID);
  // Empty with the product's address shape as the placeholder: a literal https://{instance}/ is not an address.
  const [baseUrl, setBaseUrl] = useState('');
  const [signInAccount, setSignInAccount] = useState('');
  const [delegate, setDelegate] = useState(false);
  const [sharedMailbox, setSharedMailbox] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [profile, setProfile] = useState<PickedProfile | undefined>(undefined);
  const [authorityHost, setAuthorityHost] = useState('');
  const [rewrite, setRewrite] = useState(true);
  const [session, setSession] = useState<ProductSessionState>({ kind: 'idle' });
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const sessionId = 'sessionId' in session ? session.sessionId : undefined;
  const live = session.kind === 'open' || session.kind === 'opening';
  // What Open still waits for, said next to the greyed-out button.
  const missing = [
    ...(baseUrl.trim() === '' ? ['the product URL'] : []),
    ...(signInAccount.trim() === '' ? [delegate ? 'the delegate who signs in' : 'the mailbox that must sign in'] : []),
    ...(delegate && sharedMailbox.trim() === '' ? ['the shared mailbox address'] : []),
  ];

  // Picks up a session still open from before a navigation away from this page.
  useEffect(() => {
    void api.productSession.status({}).then((r) => {
      if (r.ok) setSession(r.value);
    });
  }, []);

  useEffect(() => {
    if (!live || sessionId === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async (): Promise<void> => {
      const r = await api.productSession.status({ sessionId });
      if (stopped) return;
      if (r.ok) setSession(r.value);
      if (!r.ok || r.value.kind === 'open' || r.value.kind === 'opening')
        timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [live, sessionId]);

  const open = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    const secret = clientSecret;
    const r = await api.productSession.open({
      baseUrl: baseUrl.trim(),
      signInAccount: signInAccount.trim(),
      ...(delegate && sharedMailbox.trim() !== '' ? { mailbox: sharedMailbox.trim() } : {}),
      rewrite,
      preset,
      ...(secret !== '' ? { clientSecret: secret } : profile?.hasSecret ? { profileId: profile.id } : {}),
      ...(profile === undefined ? {} : { cloud: profile.cloud, tenant: profile.tenant }),
      ...(authorityHost.trim() === '' ? {} : { authorityHost: authorityHost.trim() }),
    });
    // Main holds the secret for this session now; the page keeps no copy.
    if (r.ok) setClientSecret('');
    if (!r.ok) setError(r.error);
    const s = await api.productSession.status({});
    if (s.ok) setSession(s.value);
    setBusy(false);
  };

  const close = async (): Promise<void> => {
    setBusy(true);
    const r = await api.productSession.close(sessionId === undefined ? {} : { sessionId });
    if (!r.ok) setError(r.error);
    const s = await api.productSession.status({});
    if (s.ok) setSession(s.value);
    setBusy(false);
  };

  return (
    <>
      <PageHeader
        title="Product session"
        description="Open the product’s own admin page in a clean, isolated session — no cookies or Microsoft sign-in from anywhere else — then log in to the product and press its own Authorize button. The app watches the sign-in request, checks it, and shows each step below."
      />
      <div className={styles.form}>
        <ProfilePicker
          onPick={(p: ProfileView) => {
            const c = p.config;
            const isDelegate = c.mailbox !== undefined && c.mailbox !== c.signInAccount;
            setPreset(c.presetId);
            setBaseUrl((b) => (b === baseTemplate(preset) || b.trim() === '' ? (originOf(c.redirectUri) ?? b) : b));
            setSignInAccount(c.signInAccount ?? '');
            setDelegate(isDelegate);
            setSharedMailbox(isDelegate ? (c.mailbox ?? '') : '');
            setAuthorityHost(c.customAuthority?.authorityHost ?? '');
            setClientSecret('');
            setProfile({ id: p.id, hasSecret: p.hasSecret, cloud: c.cloud, tenant: c.tenant });
          }}
        />
        <ProductField
          presetId={preset}
          onPick={(next) => {
            setPreset(next.id);
            setBaseUrl((b) => (b.includes('{') ? '' : b));
          }}
        />
        <Field
          label="Product URL"
          hint="The product’s own address, from its redirect URI, e.g. https://acme.service-now.com/side_door.do for ServiceNow’s local login."
          required
        >
          <Input
            value={baseUrl}
            onChange={(_, d) => setBaseUrl(d.value)}
            type="url"
            placeholder={baseTemplate(preset)}
            disabled={live}
          />
        </Field>
        <Field
          label={delegate ? 'Delegate who signs in' : 'Mailbox that must sign in'}
          hint="The session sends it to the sign-in page as login_hint, and the verdict checks the product got this account."
          required
        >
          <Input
            value={signInAccount}
            onChange={(_, d) => setSignInAccount(d.value)}
            type="email"
            placeholder="servicedesk@contoso.com"
            disabled={live}
          />
        </Field>
        <Switch
          label="A delegate signs in for a shared mailbox"
          checked={delegate}
          onChange={(_, d) => setDelegate(d.checked)}
          disabled={live}
        />
        {delegate ? (
          <Field label="Shared mailbox address" hint="The mailbox the product opens (XOAUTH2 user=)." required>
            <Input
              value={sharedMailbox}
              onChange={(_, d) => setSharedMailbox(d.value)}
              type="email"
              placeholder="support@contoso.com"
              disabled={live}
            />
          </Field>
        ) : null}
        <Field
          label="Client secret (Value), optional"
          hint={
            profile?.hasSecret
              ? 'Leave empty to use the secret saved with the profile (it stays in the app).'
              : 'The product app’s secret Value. With it, the app proves whose account the product got by redeeming a silent sign-in of its own; the product’s own code is not touched. Kept in the app for this session only.'
          }
        >
          <Input
            type="password"
            value={clientSecret}
            onChange={(_, d) => setClientSecret(d.value)}
            autoComplete="off"
            disabled={live}
          />
        </Field>
        <Field
          label="Custom authority host (optional)"
          hint="Only for a test tenant or the built-in emulator (host:port); Microsoft’s login hosts are always watched."
        >
          <Input value={authorityHost} onChange={(_, d) => setAuthorityHost(d.value)} disabled={live} />
        </Field>
        <Switch
          label="Force a fresh sign-in (adds prompt=login and login_hint to the product’s request)"
          checked={rewrite}
          onChange={(_, d) => setRewrite(d.checked)}
          disabled={live}
        />
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void open()} disabled={busy || live || missing.length > 0}>
            Open product in a clean session
          </Button>
          <Button onClick={() => void close()} disabled={busy || !live}>
            Close and wipe the session
          </Button>
        </div>
        {/* Why Open is greyed out, said next to it. */}
        {!live && !busy && missing.length > 0 ? (
          <Text size={200} className={styles.why}>
            Enter {missing.join(' and ')} to open the product.
          </Text>
        ) : null}
        {error ? <ErrorBar error={error} /> : null}
      </div>
      {session.kind === 'idle' ? null : (
        <section className={styles.section} aria-labelledby="product-verdict-heading">
          <h2 id="product-verdict-heading" className={styles.h2}>
            Whose account the product got
          </h2>
          <IdentityVerdict verdict={session.verdict} checking={session.checking} />
        </section>
      )}
      {/* Also without a session: a product authorized before this app was used can be asked the same way. */}
      {preset === 'servicenow' ? (
        <section className={styles.section} aria-labelledby="product-proof-heading">
          <h2 id="product-proof-heading" className={styles.h2}>
            Ask ServiceNow whose token it stored
          </h2>
          <ServiceNowProofPanel expectedAccount={signInAccount} mailbox={delegate ? sharedMailbox : undefined} />
        </section>
      ) : null}
      <section className={styles.section} aria-labelledby="product-timeline-heading">
        <h2 id="product-timeline-heading" className={styles.h2}>
          What the product did
        </h2>
        <SessionTimeline session={session} />
      </section>
    </>
  );
}
