// The list of product presets and lookups by id. Add a product: one file here and one line in PRESETS.
import { z } from 'zod';
import { EMAIL_THIS_ISSUE } from './email-this-issue';
import { GENERIC } from './generic';
import { JIRA_DATA_CENTER } from './jira-data-center';
import { MOTADATA_SERVICEOPS } from './motadata-serviceops';
import type { Preset } from './schema';
import { SERVICELY } from './servicely';
import { SERVICENOW } from './servicenow';

export {
  PresetSchema,
  ProtocolIdSchema,
  type Preset,
  type PresetField,
  type PresetProtocol,
  type ProtocolId,
  type ValueSource,
} from './schema';

export const PRESETS: readonly Preset[] = [
  SERVICENOW,
  MOTADATA_SERVICEOPS,
  JIRA_DATA_CENTER,
  EMAIL_THIS_ISSUE,
  SERVICELY,
  GENERIC,
];

export const PresetIdSchema = z.enum([
  'servicenow',
  'motadata-serviceops',
  'jira-data-center',
  'email-this-issue',
  'servicely',
  'generic',
]);
export type PresetId = z.infer<typeof PresetIdSchema>;

export function presetById(id: PresetId): Preset {
  const p = PRESETS.find((x) => x.id === id);
  // PresetIdSchema and PRESETS are kept equal by a unit test; GENERIC is the safe fallback.
  return p ?? GENERIC;
}
