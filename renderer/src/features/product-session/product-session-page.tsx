// Product session area: open the product's own admin page in a clean, isolated session so its own
// "Authorize" button runs without SSO, while the app watches (and, by default, forces prompt=login +
// login_hint on) its Microsoft sign-in request. Owns the form, the open/close calls and the polling of
// productSession.status; the timeline itself is drawn by SessionTimeline.
import { Button, Dropdown, Field, Input, Option, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ProductSessionState } from '../../../../shared/product-session';
import { DEFAULT_PRESET_ID, PRESETS, isPresetId, presetById, type PresetId } from '../../../../shared/presets';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { ErrorBar } from '../../components/call-status';
import { PageHeader } from '../../components/page-header';
import { SessionTimeline } from './session-timeline';

const POLL_MS = 700;

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '70ch' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalS },
  section: { marginTop: tokens.spacingVerticalXL, maxWidth: '90ch' },
  h2: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
});

/** The preset's redirect template's origin, e.g. https://{instance}/ for ServiceNow. */
function baseTemplate(presetId: PresetId): string {
  const t = presetById(presetId).redirect.template;
  const m = t === undefined ? undefined : /^(https?:\/\/[^/]+)\//.exec(t);
  return m?.[1] === undefined ? 'https://' : `${m[1]}/`;
}

export function ProductSessionPage() {
  const styles = useStyles();
  const [preset, setPreset] = useState<PresetId>(DEFAULT_PRESET_ID);
  const [baseUrl, setBaseUrl] = useState(baseTemplate(DEFAULT_PRESET_ID));
  const [mailbox, setMailbox] = useState('');
  const [authorityHost, setAuthorityHost] = useState('');
  const [rewrite, setRewrite] = useState(true);
  const [session, setSession] = useState<ProductSessionState>({ kind: 'idle' });
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const sessionId = 'sessionId' in session ? session.sessionId : undefined;
  const live = session.kind === 'open' || session.kind === 'opening';

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
    const r = await api.productSession.open({
      baseUrl: baseUrl.trim(),
      mailbox: mailbox.trim(),
      rewrite,
      preset,
      ...(authorityHost.trim() === '' ? {} : { authorityHost: authorityHost.trim() }),
    });
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
        <Field label="Product">
          <Dropdown
            value={presetById(preset).label}
            selectedOptions={[preset]}
            onOptionSelect={(_, d) => {
              const id = d.optionValue;
              if (!isPresetId(id)) return;
              setPreset(id);
              setBaseUrl((b) => (b === baseTemplate(preset) || b.trim() === '' ? baseTemplate(id) : b));
            }}
          >
            {PRESETS.map((p) => (
              <Option key={p.id} value={p.id}>
                {p.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label="Product URL"
          hint="The product’s own address, from its redirect URI, e.g. https://acme.service-now.com/side_door.do for ServiceNow’s local login."
          required
        >
          <Input value={baseUrl} onChange={(_, d) => setBaseUrl(d.value)} type="url" disabled={live} />
        </Field>
        <Field label="Mailbox that must sign in" required>
          <Input
            value={mailbox}
            onChange={(_, d) => setMailbox(d.value)}
            type="email"
            placeholder="servicedesk@contoso.com"
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
          <Button
            appearance="primary"
            onClick={() => void open()}
            disabled={busy || live || baseUrl.trim() === '' || mailbox.trim() === ''}
          >
            Open product in a clean session
          </Button>
          <Button onClick={() => void close()} disabled={busy || !live}>
            Close and wipe the session
          </Button>
        </div>
        {error ? <ErrorBar error={error} /> : null}
      </div>
      <section className={styles.section} aria-labelledby="product-timeline-heading">
        <h2 id="product-timeline-heading" className={styles.h2}>
          What the product did
        </h2>
        <SessionTimeline session={session} />
      </section>
    </>
  );
}
