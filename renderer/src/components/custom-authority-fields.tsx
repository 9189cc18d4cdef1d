// The custom authority's two fields, shared by the Authorize and Audit forms: its host (host:port) and the private
// CA its sign-in window trusts for that host only. Main shows its own open dialog and reads the CA file
// (authorize.chooseCa); the form keeps the CA's content it answers, and a failure is shown beside the button.
import { Button, Field, Input, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { CloudId } from '../../../shared/cloud/clouds';
import { isHostPort } from '../../../shared/cloud/host-port';
import type { CustomAuthority } from '../../../shared/cloud/schema';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { ErrorBar } from './call-status';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  stack: { display: 'grid', rowGap: tokens.spacingVerticalXS, justifyItems: 'start' },
  // The chosen CA's name wraps in its own column so Remove stays beside it, even in a half-width grid cell.
  chosen: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', width: '100%' },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  button: { flexShrink: 0 },
});

export interface CustomAuthorityValues {
  readonly authorityHost: string;
  readonly caPem: string;
  readonly caLabel: string;
}

/**
 * The request's `customAuthority` for a form on the custom cloud, spread into an authorize, audit or app-only
 * request: one host serves sign-in, Graph and Outlook; the CA only when one was chosen. Nothing on a public cloud.
 */
export function customAuthorityOf(
  cloud: CloudId,
  values: CustomAuthorityValues,
): { customAuthority: CustomAuthority } | Record<string, never> {
  if (cloud !== 'custom') return {};
  const host = values.authorityHost.trim();
  return {
    customAuthority: {
      authorityHost: host,
      graphHost: host,
      outlookResourceHost: host,
      ...(values.caPem !== '' ? { caPem: values.caPem, caLabel: values.caLabel } : {}),
    },
  };
}

export function CustomAuthorityFields({
  values,
  onChange,
  disabled = false,
}: {
  values: CustomAuthorityValues;
  onChange: (patch: Partial<CustomAuthorityValues>) => void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const [caError, setCaError] = useState<AppError | undefined>(undefined);
  const host = values.authorityHost.trim();

  const onChooseCa = async (): Promise<void> => {
    setCaError(undefined);
    const r = await api.authorize.chooseCa({});
    if (!r.ok) {
      setCaError(r.error);
      return;
    }
    if (r.value.chosen) onChange({ caPem: r.value.caPem, caLabel: r.value.caLabel });
  };

  return (
    <>
      <Field
        label="Authority host"
        hint="host:port of the identity provider, e.g. localhost:8443 for the built-in emulator"
        required
        {...(host !== '' && !isHostPort(host)
          ? { validationMessage: 'Only a host or host:port, without https:// or a path.' }
          : {})}
      >
        <Input
          disabled={disabled}
          value={values.authorityHost}
          onChange={(_e, d) => onChange({ authorityHost: d.value })}
          className={styles.mono}
        />
      </Field>
      <Field
        label="CA certificate"
        // True of Audit's admin sign-in as of Authorize's: each window trusts the CA for the authority's host only.
        hint="Only for a private CA, e.g. the emulator’s: the sign-in window trusts it for this host only."
      >
        <div className={styles.stack}>
          <Button className={styles.button} disabled={disabled} onClick={() => void onChooseCa()}>
            Choose CA file…
          </Button>
          {values.caPem !== '' ? (
            <div className={styles.chosen}>
              <span className={mergeClasses(styles.mono, styles.name)} data-testid="ca-label">
                {values.caLabel || 'CA certificate chosen'}
              </span>
              <Button
                className={styles.button}
                appearance="subtle"
                disabled={disabled}
                onClick={() => onChange({ caPem: '', caLabel: '' })}
              >
                Remove
              </Button>
            </div>
          ) : (
            <span>None (the system’s trusted CAs)</span>
          )}
        </div>
      </Field>
      {caError ? <ErrorBar error={caError} onDismiss={() => setCaError(undefined)} /> : null}
    </>
  );
}
