// Diagnose area: pick product, cloud and protocols, fill the fields; offline lint runs as you type (shared/
// diagnose) and each finding sits under the field it is about. "Run online checks" calls diagnose.online and
// shows each check's progress and result.
import { Badge, Button, Checkbox, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useDeferredValue, useMemo, useState } from 'react';
import type { CloudId } from '../../../../shared/cloud/clouds';
import { lint, type DiagnoseInput, type FieldKey } from '../../../../shared/diagnose';
import { countBySeverity } from '../../../../shared/findings';
import { scopeHostsFor, scopesFor } from '../../../../shared/cloud/scopes';
import { DEFAULT_PRESET_ID, presetById, type PresetId, type ProtocolId } from '../../../../shared/presets';
import { api, useCall } from '../../api';
import { CallStatus } from '../../components/call-status';
import { FindingList, validationStateOf } from '../../components/finding-list';
import { PageHeader } from '../../components/page-header';
import { CloudField, ProductField } from '../../components/product-fields';
import {
  REGISTRATION_LABEL,
  RegistrationField,
  type RegistrationFieldName,
} from '../../components/registration-fields';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '80ch' },
  protocols: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  finding: { marginTop: tokens.spacingVerticalXS },
  checks: { listStyle: 'none', padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  actions: { marginTop: tokens.spacingVerticalL },
});

type TextKey =
  | 'tenant'
  | 'clientId'
  | 'clientSecret'
  | 'secretExpiry'
  | 'authorizeUrl'
  | 'tokenUrl'
  | 'redirectUri'
  | 'scopes'
  | 'signInAccount'
  | 'mailbox';
const TEXT_FIELDS: readonly { key: TextKey; label: string; multiline?: boolean; hint?: string }[] = [
  { key: 'tenant', label: REGISTRATION_LABEL.tenant },
  { key: 'clientId', label: REGISTRATION_LABEL.clientId },
  { key: 'clientSecret', label: REGISTRATION_LABEL.clientSecret },
  {
    key: 'secretExpiry',
    label: 'Client secret expiry date',
    hint: 'YYYY-MM-DD, as shown under Certificates & secrets',
  },
  { key: 'authorizeUrl', label: 'Authorization endpoint' },
  { key: 'tokenUrl', label: 'Token endpoint' },
  { key: 'redirectUri', label: REGISTRATION_LABEL.redirectUri },
  { key: 'scopes', label: 'Scopes (as entered in the product)', multiline: true },
  { key: 'signInAccount', label: 'Account that signs in' },
  { key: 'mailbox', label: 'Mailbox' },
];
const isRegistrationField = (key: TextKey): key is RegistrationFieldName =>
  key === 'tenant' || key === 'clientId' || key === 'clientSecret' || key === 'redirectUri';

export function DiagnosePage() {
  const styles = useStyles();
  const [preset, setPreset] = useState<PresetId>(DEFAULT_PRESET_ID);
  const [cloud, setCloud] = useState<CloudId>('global');
  const [protocols, setProtocols] = useState<ProtocolId[]>(['imap', 'smtp']);
  /** Fields the admin has typed in or left; "Run online checks" shows every field's findings. */
  const [touched, setTouched] = useState<ReadonlySet<TextKey>>(() => new Set());
  const [checkedAll, setCheckedAll] = useState(false);
  const touch = (key: TextKey): void => setTouched((t) => (t.has(key) ? t : new Set([...t, key])));
  const [values, setValues] = useState<Record<TextKey, string>>({
    tenant: '',
    clientId: '',
    clientSecret: '',
    secretExpiry: '',
    authorizeUrl: '',
    tokenUrl: '',
    redirectUri: '',
    scopes: '',
    signInAccount: '',
    mailbox: '',
  });
  const p = presetById(preset);
  const input: DiagnoseInput = useMemo(() => {
    const opt = (k: TextKey) => (values[k] === '' ? {} : { [k]: values[k] });
    return {
      preset,
      cloud,
      protocols,
      tenant: values.tenant,
      clientId: values.clientId,
      redirectUri: values.redirectUri,
      scopes: values.scopes,
      ...opt('clientSecret'),
      ...opt('secretExpiry'),
      ...opt('authorizeUrl'),
      ...opt('tokenUrl'),
      ...opt('signInAccount'),
      ...opt('mailbox'),
    };
  }, [preset, cloud, protocols, values]);
  const deferred = useDeferredValue(input);
  const findings = useMemo(() => lint(deferred), [deferred]);
  const counts = countBySeverity(findings);
  // A field's findings show once the admin has typed in it (or asked for the checks): an untouched empty form is
  // not a page of red errors.
  const shown = (f: FieldKey) => checkedAll || touched.has(f as TextKey);
  const byField = (f: FieldKey) => (shown(f) ? findings.filter((x) => x.field === f) : []);
  const online = useCall(api.diagnose.online);
  const suggested = cloud === 'custom' ? [] : scopesFor(p, protocols, scopeHostsFor(cloud));
  /** The portal's name is the label; the product's own name for the field, when different, is said in the hint. */
  const productLabel = (key: TextKey): string | undefined =>
    p.fields.find((f) => f.valueFrom === (key === 'tenant' ? 'tenantId' : key))?.label;

  return (
    <>
      <PageHeader
        title="Diagnose a configuration"
        description="Fill in what your helpdesk product has. Problems show under each field as you type; online checks ask Entra ID about the tenant, the app, its secret, its permissions and its redirect URI."
      />
      <form
        className={styles.form}
        onSubmit={(e) => {
          setCheckedAll(true);
          e.preventDefault();
          void online.run({ input });
        }}
      >
        <ProductField
          presetId={preset}
          onPick={(next) => {
            // Diagnose starts a new product from its first protocol: the lint is about that product's own setup.
            setPreset(next.id);
            setProtocols(next.protocols.slice(0, 1).map((x) => x.id));
          }}
        />
        <CloudField cloud={cloud} onPick={setCloud} />
        <fieldset>
          <legend>Protocols</legend>
          <div className={styles.protocols}>
            {p.protocols.map((x) => (
              <Checkbox
                key={x.id}
                label={x.label}
                checked={protocols.includes(x.id)}
                onChange={(_, d) => setProtocols((cur) => (d.checked ? [...cur, x.id] : cur.filter((y) => y !== x.id)))}
              />
            ))}
          </div>
          {suggested.length ? (
            <Text size={200}>
              Expected scopes: <code>{suggested.join(' ')}</code>
            </Text>
          ) : null}
        </fieldset>
        {TEXT_FIELDS.map((f) => {
          const fs = byField(f.key);
          const label = f.label;
          const inProduct = productLabel(f.key);
          const hint = [inProduct && inProduct !== label ? `In ${p.label}: “${inProduct}”.` : undefined, f.hint]
            .filter((x) => x !== undefined)
            .join(' ');
          const field = {
            hint: hint === '' ? undefined : hint,
            validationState: validationStateOf(fs),
            // The list draws each finding's own icon; Field's single icon would repeat the worst one.
            validationMessageIcon: null,
            validationMessage: fs.length ? (
              <FindingList findings={fs} label={`Findings about ${label}`} showField={false} />
            ) : undefined,
          };
          const onChange = (value: string): void => {
            setValues((v) => ({ ...v, [f.key]: value }));
            touch(f.key);
          };
          const onBlur = (): void => touch(f.key);
          if (isRegistrationField(f.key))
            return (
              <RegistrationField
                key={f.key}
                name={f.key}
                value={values[f.key]}
                onChange={onChange}
                field={field}
                input={{ 'data-field': f.key, onBlur }}
              />
            );
          return (
            <Field key={f.key} label={label} {...field}>
              {f.multiline ? (
                <Textarea
                  value={values[f.key]}
                  onChange={(_, d) => onChange(d.value)}
                  onBlur={onBlur}
                  data-field={f.key}
                />
              ) : (
                <Input
                  value={values[f.key]}
                  onChange={(_, d) => onChange(d.value)}
                  onBlur={onBlur}
                  data-field={f.key}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
          );
        })}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={online.state.status === 'running'}>
            Run online checks
          </Button>
        </div>
      </form>
      <Text role="status" aria-live="polite">
        {!checkedAll && touched.size === 0
          ? 'Problems show at each field once you have filled it in.'
          : findings.length === 0
            ? 'No problems found offline.'
            : `${counts.error} error(s), ${counts.warning} warning(s) offline.`}
      </Text>
      <CallStatus
        state={online.state}
        label="Running online checks"
        onRetry={() => void online.run({ input })}
        onDismiss={online.reset}
      />
      {online.state.status === 'done' ? (
        <section aria-label="Online checks">
          <ul className={styles.checks}>
            {online.state.value.checks.map((c) => (
              <li key={c.id} data-check={c.id}>
                <Badge
                  appearance="tint"
                  color={c.status === 'ok' ? 'success' : c.status === 'skipped' ? 'informative' : 'danger'}
                >
                  {c.status}
                </Badge>{' '}
                <Text weight="semibold">{c.label}</Text> <Text size={200}>({c.durationMs} ms)</Text>
                <FindingList className={styles.finding} findings={c.findings} label={`Findings of: ${c.label}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
