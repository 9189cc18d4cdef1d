// appOnly.run through the contract: the request parsed by its schema, the handler with main's probe endpoints (the
// emulator's Graph), the answer valid against the response schema — and neither the client secret nor a token in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOnlyHandlers } from '../../../electron/services/app-only/app-only-handlers';
import { contract } from '../../../shared/contract';
import { startEmulator, type Emulator } from '../../emulator/index';
import { emulatorAuthority } from '../../support/emulator-registration';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
  em.configureApp('serviceops', {
    grantApplication: [{ resource: 'https://graph.microsoft.com', role: 'Mail.ReadWrite' }],
  });
});
afterAll(async () => {
  await em?.stop();
});

describe('appOnly.run', () => {
  it('answers roles, the Graph probe and the red scope verdict; no secret or token crosses back', async () => {
    const handlers = createAppOnlyHandlers({
      probes: { defaults: { graph: { host: '127.0.0.1', port: em.port, caPem: em.caPem } } },
      appOnly: {},
    });
    const app = em.directory.apps.serviceops;
    const req = contract['appOnly.run'].request.parse({
      cloud: 'custom',
      customAuthority: emulatorAuthority(em, { withCa: true }),
      tenant: 'contoso.test',
      clientId: app.clientId,
      clientSecret: app.secret.value,
      mailbox: 'servicedesk@contoso.test',
      protocols: ['graph'],
      canary: 'adele@contoso.test',
    });
    const res = await handlers['appOnly.run'](req, { senderUrl: 'app://renderer/index.html', isMainFrame: true });
    expect(contract['appOnly.run'].response.safeParse(res).success).toBe(true);
    expect(res.roles).toEqual([{ resource: 'graph', roles: ['Mail.ReadWrite'] }]);
    expect(res.results.map((r) => r.outcome)).toEqual(['ok']);
    expect(res.scope?.status).toBe('red');
    const text = JSON.stringify(res);
    expect(text).not.toContain(app.secret.value);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);
  });

  it('refuses a canary equal to the mailbox at the contract', () => {
    const r = contract['appOnly.run'].request.safeParse({
      cloud: 'global',
      tenant: 'contoso.com',
      clientId: 'x',
      clientSecret: 'y',
      mailbox: 'a@contoso.com',
      protocols: ['graph'],
      canary: 'A@contoso.com',
    });
    expect(r.success).toBe(false);
  });
});
