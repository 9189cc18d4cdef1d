// The Product, Cloud and Protocols pickers. The product and cloud lists under the same labels serve every form that
// asks for them (Authorize, Audit, Diagnose, Product session); Authorize and Audit also share the chosen product's
// protocols as checkboxes and one rule for a product change (the ticked protocols the new product offers too stay
// ticked; shared/presets' protocolsKeptFor): they merge the patch these answer into their own state, and the
// fieldset around them disables them while the form's run goes.
import { Checkbox, Dropdown, Field, Option } from '@fluentui/react-components';
import { CLOUD_LIST, isCloudId, type CloudId } from '../../../shared/cloud/clouds';
import {
  PRESETS,
  isPresetId,
  presetById,
  protocolsKeptFor,
  type Preset,
  type PresetId,
  type ProtocolId,
} from '../../../shared/presets';
import { useFormStyles } from './form-styles';

export interface ProductValues {
  readonly presetId: PresetId;
  readonly cloud: CloudId;
  readonly protocols: readonly ProtocolId[];
}

/** What a pick changes; a product change carries the protocols that stay ticked with it. */
export type ProductPatch = Partial<{ presetId: PresetId; cloud: CloudId; protocols: ProtocolId[] }>;

export interface ProductFieldsProps {
  readonly values: ProductValues;
  readonly onChange: (patch: ProductPatch) => void;
  /** Greys the two lists out too (Authorize, while a sign-in runs); the fieldset already keeps them from opening. */
  readonly disabled?: boolean;
}

/** A labelled list of choices whose values are ids; a picked value that is none of them is ignored. */
function ChoiceField<Id extends string>({
  label,
  choices,
  value,
  isId,
  onPick,
  disabled,
}: {
  readonly label: string;
  readonly choices: readonly { readonly id: Id; readonly label: string }[];
  readonly value: Id;
  readonly isId: (v: unknown) => v is Id;
  readonly onPick: (next: Id) => void;
  readonly disabled: boolean;
}) {
  return (
    <Field label={label}>
      <Dropdown
        disabled={disabled}
        aria-label={label}
        value={choices.find((c) => c.id === value)?.label ?? ''}
        selectedOptions={[value]}
        onOptionSelect={(_e, d) => {
          if (isId(d.optionValue)) onPick(d.optionValue);
        }}
      >
        {choices.map((c) => (
          <Option key={c.id} value={c.id}>
            {c.label}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

/** The product list under its label; `onPick` gets the preset picked. */
export function ProductField({
  presetId,
  onPick,
  disabled = false,
}: {
  readonly presetId: PresetId;
  readonly onPick: (next: Preset) => void;
  readonly disabled?: boolean;
}) {
  return (
    <ChoiceField
      label="Product"
      choices={PRESETS}
      value={presetId}
      isId={isPresetId}
      onPick={(id) => onPick(presetById(id))}
      disabled={disabled}
    />
  );
}

/** The cloud list under its label; `onPick` gets the cloud picked. */
export function CloudField({
  cloud,
  onPick,
  disabled = false,
}: {
  readonly cloud: CloudId;
  readonly onPick: (next: CloudId) => void;
  readonly disabled?: boolean;
}) {
  return (
    <ChoiceField
      label="Cloud"
      choices={CLOUD_LIST}
      value={cloud}
      isId={isCloudId}
      onPick={onPick}
      disabled={disabled}
    />
  );
}

/** Product and Cloud as Authorize and Audit show them: two fields of the grid, a product change keeping protocols. */
export function ProductCloudFields({ values, onChange, disabled = false }: ProductFieldsProps) {
  return (
    <>
      <ProductField
        presetId={values.presetId}
        onPick={(next) => onChange({ presetId: next.id, protocols: protocolsKeptFor(next, values.protocols) })}
        disabled={disabled}
      />
      <CloudField cloud={values.cloud} onPick={(cloud) => onChange({ cloud })} disabled={disabled} />
    </>
  );
}

/** The chosen product's protocols as checkboxes: a full-width row of a form's grid. */
export function ProtocolFields({ values, onChange }: Omit<ProductFieldsProps, 'disabled'>) {
  const styles = useFormStyles();
  return (
    <fieldset className={`${styles.fieldset} ${styles.wide}`}>
      <legend>Protocols the product uses</legend>
      <div className={styles.protocols}>
        {presetById(values.presetId).protocols.map((p) => (
          <Checkbox
            key={p.id}
            label={p.label}
            checked={values.protocols.includes(p.id)}
            onChange={(_e, d) =>
              onChange({
                protocols: d.checked ? [...values.protocols, p.id] : values.protocols.filter((x) => x !== p.id),
              })
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
