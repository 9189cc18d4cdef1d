// The handler table: the one place where the services meet the contract. Electron (ipc.ts) and the harness
// bind the same table. Each feature's *-handlers.ts answers its own namespace from the services it names;
// this file only spreads them.
import { createAppHandlers } from '../app/app-handlers';
import { createAppOnlyHandlers } from '../app-only/app-only-handlers';
import { createAuditHandlers } from '../audit/audit-handlers';
import { createAuthorizeHandlers } from '../authorize/authorize-handlers';
import { createDiagnoseHandlers } from '../diagnose/diagnose-handlers';
import { createHandoverHandlers } from '../handover/handover-handlers';
import { createProbesHandlers } from '../probes/probes-handlers';
import { createProductSessionHandlers } from '../product-session/product-session-handlers';
import { createProfilesHandlers } from '../profiles/profiles-handlers';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { createTokensHandlers } from '../tokens/tokens-handlers';
import { createWatchHandlers } from '../watch/watch-handlers';
import type { HandlerTable } from './dispatch';
import type { Services } from './services';

export function createHandlers(services: Services): HandlerTable {
  return {
    ...createAppHandlers(services),
    ...createTokensHandlers(services),
    ...createAuthorizeHandlers(services),
    ...createDiagnoseHandlers(services),
    ...createProbesHandlers(services),
    ...createHandoverHandlers(services),
    ...createProfilesHandlers(services),
    ...createProductSessionHandlers(services),
    ...createAuditHandlers(services),
    ...createWatchHandlers(services),
    ...createAppOnlyHandlers(services),
    ...createSettingsHandlers(services),
  };
}
