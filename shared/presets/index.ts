// The list of product presets and lookups by id. Add a product: one file here, its id in PresetIdSchema
// (schema.ts) and one line in BY_ID; the Record type makes a missing preset a type error. Only types come from
// schema.ts, so the renderer's product pickers load no zod; main, the contract and the tests import the schemas
// from presets/schema.ts itself.
import { EMAIL_THIS_ISSUE } from './email-this-issue';
import { GENERIC } from './generic';
import { JIRA_DATA_CENTER } from './jira-data-center';
import { MOTADATA_SERVICEOPS } from './motadata-serviceops';
import type { Preset, PresetId, ProtocolId } from './schema';
import { SERVICELY } from './servicely';
import { SERVICENOW } from './servicenow';

export type { Preset, PresetField, PresetId, PresetProtocol, ProtocolId, ValueSource } from './schema';

/** Every preset by id, in the order the product list shows them. */
const BY_ID: Readonly<Record<PresetId, Preset>> = {
  servicenow: SERVICENOW,
  'motadata-serviceops': MOTADATA_SERVICEOPS,
  'jira-data-center': JIRA_DATA_CENTER,
  'email-this-issue': EMAIL_THIS_ISSUE,
  servicely: SERVICELY,
  generic: GENERIC,
};

export const PRESETS: readonly Preset[] = Object.values(BY_ID);

/** The product the app's forms start with: the first in the list. */
export const DEFAULT_PRESET_ID: PresetId = 'servicenow';

/** The preset of a (parsed) id: ids are validated where they enter (PresetIdSchema), so there is no fallback. */
export const presetById = (id: PresetId): Preset => BY_ID[id];

/** A value from outside (a picker, a command line) parsed as a preset id; the contract parses with PresetIdSchema. */
export const isPresetId = (value: unknown): value is PresetId =>
  typeof value === 'string' && Object.hasOwn(BY_ID, value);

/**
 * What stays ticked when a form's product changes to `next`: the protocols ticked before that it offers too, in
 * its order; when none of them is left, its first one, so the form never sits with no protocol ticked.
 */
export function protocolsKeptFor(next: Preset, ticked: readonly ProtocolId[]): ProtocolId[] {
  const kept = next.protocols.map((p) => p.id).filter((id) => ticked.includes(id));
  return kept.length > 0 ? kept : next.protocols.slice(0, 1).map((p) => p.id);
}
