// The product's app registration fields, shared by the Authorize, Audit and Diagnose forms: Directory (tenant) ID,
// Application (client) ID, client secret and Redirect URI under the Azure portal's names, with the same input
// behaviour everywhere (GUIDs and URIs in monospace, no autofill or spell check, the secret masked), and the custom
// authority's fields before them on a page that offers the custom cloud. Each page keeps what is its own: its hints
// where they say something page-specific, which fields it requires, its validation and its test hooks (passed in).
import { Field, Input, type FieldProps, type InputProps } from '@fluentui/react-components';
import type { CloudId } from '../../../shared/cloud/clouds';
import { CustomAuthorityFields, type CustomAuthorityValues } from './custom-authority-fields';
import { useFormStyles } from './form-styles';

export type RegistrationFieldName = 'tenant' | 'clientId' | 'clientSecret' | 'redirectUri';

/** The labels, as the app registration's Overview and Certificates & secrets name them. */
export const REGISTRATION_LABEL: Readonly<Record<RegistrationFieldName, string>> = {
  tenant: 'Directory (tenant) ID',
  clientId: 'Application (client) ID',
  clientSecret: 'Client secret (Value)',
  redirectUri: 'Redirect URI',
};

/** What an empty required field says, in the Azure portal's names. */
export const REGISTRATION_REQUIRED: Readonly<Record<RegistrationFieldName, string>> = {
  tenant: 'Enter the Directory (tenant) ID from the app registration’s Overview.',
  clientId: 'Enter the Application (client) ID from the app registration’s Overview.',
  clientSecret: 'Enter the client secret’s Value (not its Secret ID), or pick a profile with a saved secret.',
  redirectUri: 'Enter the Redirect URI exactly as the product sends it.',
};

/** Where the tenant's value is found; the same sentence on every page that has no product-specific hint. */
export const TENANT_HINT = 'GUID or verified domain, from the app registration’s Overview';

/** A page's own additions to a field: data-* hooks, validation, a grid class. */
export type FieldExtras = Omit<Partial<FieldProps>, 'label' | 'children'> & Record<`data-${string}`, string>;
/** A page's own additions to an input: data-* hooks, onBlur. */
export type InputExtras = Pick<InputProps, 'onBlur'> & Record<`data-${string}`, string>;

export interface RegistrationFieldProps {
  readonly name: RegistrationFieldName;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean | undefined;
  readonly hint?: FieldProps['hint'];
  readonly required?: boolean | undefined;
  readonly field?: FieldExtras | undefined;
  readonly input?: InputExtras | undefined;
}

/** One registration field: its portal label, and an input that neither autofills nor spell-checks. */
export function RegistrationField({
  name,
  value,
  onChange,
  disabled,
  hint,
  required,
  field,
  input,
}: RegistrationFieldProps) {
  const styles = useFormStyles();
  const secret = name === 'clientSecret';
  return (
    // A page's own Field props (e.g. Diagnose's hint and findings) come after the defaults; the label is always ours.
    <Field hint={hint} required={required} {...field} label={REGISTRATION_LABEL[name]}>
      <Input
        {...input}
        {...(disabled === undefined ? {} : { disabled })}
        type={secret ? 'password' : 'text'}
        value={value}
        onChange={(_e, d) => onChange(d.value)}
        // A secret is not a GUID or a URI to read character by character.
        {...(secret ? {} : { className: styles.mono })}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}

export type RegistrationValues = Readonly<Record<Exclude<RegistrationFieldName, 'clientSecret'>, string>> & {
  readonly clientSecret?: string;
};

type PerField<T> = Partial<Readonly<Record<RegistrationFieldName, T>>>;

export interface RegistrationFieldsProps {
  readonly values: RegistrationValues;
  readonly onChange: (name: RegistrationFieldName, value: string) => void;
  readonly disabled?: boolean;
  /** The client secret's field is shown when the page has one (values.clientSecret set). */
  readonly hints?: PerField<FieldProps['hint']>;
  readonly required?: PerField<boolean>;
  readonly field?: PerField<FieldExtras>;
  /** A page that offers the custom cloud: while it is chosen, its host and CA fields come first. */
  readonly customAuthority?: {
    readonly cloud: CloudId;
    readonly values: CustomAuthorityValues;
    readonly onChange: (patch: Partial<CustomAuthorityValues>) => void;
  };
}

/** The registration's fields in the portal's order (custom authority, tenant, client ID, secret, redirect URI). */
export function RegistrationFields({
  values,
  onChange,
  disabled,
  hints = {},
  required = {},
  field = {},
  customAuthority,
}: RegistrationFieldsProps) {
  const names: readonly RegistrationFieldName[] =
    values.clientSecret === undefined
      ? ['tenant', 'clientId', 'redirectUri']
      : ['tenant', 'clientId', 'clientSecret', 'redirectUri'];
  return (
    <>
      {customAuthority?.cloud === 'custom' ? (
        <CustomAuthorityFields
          values={customAuthority.values}
          onChange={customAuthority.onChange}
          disabled={disabled ?? false}
        />
      ) : null}
      {names.map((name) => (
        <RegistrationField
          key={name}
          name={name}
          value={values[name] ?? ''}
          onChange={(v) => onChange(name, v)}
          disabled={disabled}
          hint={name === 'tenant' ? (hints.tenant ?? TENANT_HINT) : hints[name]}
          required={required[name]}
          field={field[name]}
        />
      ))}
    </>
  );
}
