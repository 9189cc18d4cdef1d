// Records the emulator's answers to the online checks' requests, for the process steps' unit tests
// (tests/unit/electron/services/diagnose/online-process.test.ts). Each case runs one request step of
// electron/services/diagnose/online-requests.ts against a fresh emulator and writes { request, input,
// response } to tests/support/recorded/diagnose-online/<case>.json, formatted like the rest of the tree.
// The cases are the ones the integration test (tests/integration/diagnose/diagnose-online.test.ts) covers,
// each AADSTS refusal among them in the Entra shape (error, error_description "AADSTSnnnn: …", error_codes).
// Run again when the emulator's answers change: `npx node --import tsx tests/support/record-online-responses.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  globalFetch,
  requestAuthorize,
  requestClientCredentials,
  requestDiscovery,
  type RequestContext,
} from '../../electron/services/diagnose/online-requests';
import type { DiagnoseInput } from '../../shared/diagnose';
import { startEmulator } from '../emulator';
import { RECORDED_DIR, type RecordedAnswer } from './recorded';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

async function main(): Promise<void> {
  const emu = await startEmulator();
  emu.trustInProcess();
  try {
    const sn = emu.directory.apps.servicenow;
    const sops = emu.directory.apps.serviceops;
    const tenant = emu.directory.tenant.id;
    const input = (over: Partial<DiagnoseInput> = {}): DiagnoseInput => ({
      preset: 'servicenow',
      cloud: 'global',
      protocols: ['imap'],
      tenant,
      clientId: sn.clientId,
      clientSecret: sn.secret.value,
      redirectUri: sn.redirectUris[0] ?? '',
      scopes: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      ...over,
    });
    const ctx: RequestContext = { fetch: globalFetch, base: emu.baseUrl, signal: AbortSignal.timeout(10_000) };
    const discovery = async (i: DiagnoseInput) => ({
      request: 'GET /{tenant}/v2.0/.well-known/openid-configuration',
      input: i,
      response: await requestDiscovery(ctx, i.tenant),
    });
    const credentials = async (i: DiagnoseInput) => ({
      request: `POST /{tenant}/oauth2/v2.0/token grant_type=client_credentials scope=${GRAPH_DEFAULT}`,
      input: i,
      response: await requestClientCredentials(ctx, i.tenant, i, GRAPH_DEFAULT),
    });
    const authorize = async (i: DiagnoseInput) => ({
      request: 'GET /{tenant}/oauth2/v2.0/authorize (never followed)',
      input: i,
      response: await requestAuthorize(ctx, i.tenant, i),
    });
    const unknownApp = '00000000-1111-2222-3333-444444444444';
    const sopsInput = input({
      preset: 'motadata-serviceops',
      protocols: ['graph-read'],
      clientId: sops.clientId,
      clientSecret: sops.secret.value,
      redirectUri: sops.redirectUris[0] ?? '',
      scopes: 'https://graph.microsoft.com/Mail.ReadWrite offline_access',
    });
    const cases: Record<string, RecordedAnswer> = {
      'discovery-found': await discovery(input()),
      'discovery-unknown-tenant': await discovery(input({ tenant: 'nosuchtenant.test' })),
      // The ServiceNow app has Mail.ReadWrite (Application) with admin consent: its app-only token carries the role.
      'credentials-accepted-with-roles': await credentials(input()),
      // The ServiceOps app has Mail.ReadWrite added but not consented: accepted, no role in the token.
      'credentials-accepted-without-roles': await credentials(sopsInput),
      'credentials-wrong-secret': await credentials(
        input({ clientSecret: 'Snw8Q~wrongwrongwrongwrongwrongwrongwrong' }),
      ),
      'credentials-secret-id': await credentials(input({ clientSecret: sn.secret.id })),
      'credentials-expired-secret': await credentials(input({ clientSecret: sn.expiredSecret.value })),
      'credentials-unknown-app': await credentials(input({ clientId: unknownApp })),
      'credentials-unknown-tenant': await credentials(input({ tenant: 'nosuchtenant.test' })),
      'authorize-registered': await authorize(input()),
      'authorize-redirect-not-registered': await authorize(input({ redirectUri: `${sn.redirectUris[0] ?? ''}/` })),
      'authorize-unknown-app': await authorize(input({ clientId: unknownApp })),
      'authorize-unknown-tenant': await authorize(input({ tenant: 'nosuchtenant.test' })),
    };
    await mkdir(RECORDED_DIR, { recursive: true });
    for (const [name, answer] of Object.entries(cases)) {
      const path = join(RECORDED_DIR, `${name}.json`);
      const text = await format(JSON.stringify(answer), { ...(await resolveConfig(path)), filepath: path });
      await writeFile(path, text);
      process.stdout.write(`${name}: HTTP ${answer.response.status}\n`);
    }
  } finally {
    await emu.stop();
  }
}

await main();
