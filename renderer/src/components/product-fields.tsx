// The Product, Cloud and Protocols pickers, shared by the Authorize and Audit forms: the product and cloud lists
// under the same labels, the chosen product's protocols as checkboxes, and one rule for a product change (the ticked
// protocols the new product offers too stay ticked; shared/presets' protocolsKeptFor). Each form keeps its state
// and merges the patch these answer; the fieldset around them disables them while the form's run goes.
import { Checkbox, Dropdown, Field, Option } from '@fluentui/react-components';
import { CLOUD_LIST, isCloudId, type CloudId } from '../../../shared/cloud/clouds';
import {
  PRESETS,
  isPresetId,
  presetById,
  protocolsKeptFor,
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

/** Product and Cloud: two fields of a form's grid. */
export function ProductCloudFields({ values, onChange, disabled = false }: ProductFieldsProps) {
  return (
    <>
      <Field label="Product">
        <Dropdown
          disabled={disabled}
          aria-label="Product"
          value={presetById(values.presetId).label}
          selectedOptions={[values.presetId]}
          onOptionSelect={(_e, d) => {
            if (!isPresetId(d.optionValue)) return;
            const next = presetById(d.optionValue);
            onChange({ presetId: next.id, protocols: protocolsKeptFor(next, values.protocols) });
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
          disabled={disabled}
          aria-label="Cloud"
          value={CLOUD_LIST.find((c) => c.id === values.cloud)?.label ?? ''}
          selectedOptions={[values.cloud]}
          onOptionSelect={(_e, d) => {
            if (isCloudId(d.optionValue)) onChange({ cloud: d.optionValue });
          }}
        >
          {CLOUD_LIST.map((c) => (
            <Option key={c.id} value={c.id}>
              {c.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
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
