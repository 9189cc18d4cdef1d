// The Entra emulator as a custom authority (one host serves sign-in, Graph and Outlook) and the seeded ServiceNow
// registration (and ServiceOps' client credentials) on it, as the integration tests of audit, Watch, authorize and the app log each wrote them out: the
// registration's identity (tenant, client ID, first redirect URI) comes from the emulator's seed, not retyped.
import type { Emulator } from '../emulator';

/** The emulator as the request's customAuthority; with its CA when the code under test must be told to trust it. */
export function emulatorAuthority(
  emu: Emulator,
  options: { readonly withCa?: boolean } = {},
): { authorityHost: string; graphHost: string; outlookResourceHost: string; caPem?: string } {
  return {
    authorityHost: emu.host,
    graphHost: emu.host,
    outlookResourceHost: emu.host,
    ...(options.withCa === true ? { caPem: emu.caPem } : {}),
  };
}

/** The seeded ServiceNow registration on the emulator: custom cloud, the contoso.test tenant, its client ID and URI. */
export function serviceNowOnEmulator(emu: Emulator, options: { readonly withCa?: boolean } = {}) {
  const app = emu.directory.apps.servicenow;
  return {
    cloud: 'custom' as const,
    customAuthority: emulatorAuthority(emu, options),
    tenant: 'contoso.test',
    clientId: app.clientId,
    redirectUri: app.redirectUris[0] ?? '',
  };
}

/**
 * The seeded ServiceOps registration's client credentials on the emulator (custom cloud, its CA trusted), for
 * servicedesk's mailbox: the app-only runs' request without protocols.
 */
export function serviceopsOnEmulator(emu: Emulator) {
  const app = emu.directory.apps.serviceops;
  return {
    cloud: 'custom' as const,
    customAuthority: emulatorAuthority(emu, { withCa: true }),
    tenant: 'contoso.test',
    clientId: app.clientId,
    clientSecret: app.secret.value,
    mailbox: 'servicedesk@contoso.test',
  };
}
