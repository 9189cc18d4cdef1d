// appOnly.run through the contract: the request parsed by its schema, the handler with main's probe endpoints (the
// emulator's Graph), the answer valid against the response schema — and neither the client secret nor a token in it.
// With a certificate: main's dialog picks the PEM, main keeps the key and answers an id; the run signs with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppOnlyHandlers } from '../../../electron/services/app-only/app-only-handlers';
import { CertificateKeeper } from '../../../electron/services/app-only/certificate-file';
import { fixedOpenDialog } from '../../../electron/services/authorize/ca-file';
import { createAppCertificate } from '../../support/client-certificate';
import { contract } from '../../../shared/contract';
import { startEmulator, type Emulator } from '../../emulator/index';
import { serviceopsOnEmulator } from '../../support/emulator-registration';

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
      appOnly: { certificates: new CertificateKeeper() },
    });
    const app = em.directory.apps.serviceops;
    const req = contract['appOnly.run'].request.parse({
      ...serviceopsOnEmulator(em),
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

describe('appOnly.chooseCertificate and a run with the certificate', () => {
  const ctx = { senderUrl: 'app://renderer/index.html', isMainFrame: true };

  it('main reads the chosen PEM, answers an id and the portal facts (never the key); the run signs with it', async () => {
    const cert = await createAppCertificate('ServiceOps mail');
    em.configureApp('serviceops', { uploadCertificate: cert.certPem });
    const dir = await mkdtemp(join(tmpdir(), 'app-cert-'));
    try {
      const file = join(dir, 'serviceops.pem');
      await writeFile(file, cert.combinedPem);
      const dialog = fixedOpenDialog(() => file);
      const handlers = createAppOnlyHandlers({
        probes: { defaults: { graph: { host: '127.0.0.1', port: em.port, caPem: em.caPem } } },
        appOnly: { certificates: new CertificateKeeper(), dialog },
      });
      const chosen = await handlers['appOnly.chooseCertificate']({}, ctx);
      expect(contract['appOnly.chooseCertificate'].response.safeParse(chosen).success).toBe(true);
      if (!chosen.chosen) throw new Error('expected a chosen certificate');
      expect(chosen.label).toBe('serviceops.pem — CN=ServiceOps mail');
      expect(JSON.stringify(chosen)).not.toContain('PRIVATE KEY');
      expect(dialog.asked[0]?.title).toMatch(/certificate with its private key/);

      // The same registration, with the chosen certificate in place of its secret.
      const { clientSecret: _secret, ...credentials } = serviceopsOnEmulator(em);
      const req = contract['appOnly.run'].request.parse({
        ...credentials,
        certificateId: chosen.certificateId,
        protocols: ['graph'],
      });
      const res = await handlers['appOnly.run'](req, ctx);
      expect(res.results.map((r) => r.outcome)).toEqual(['ok']);
      // No secret was sent anywhere (the request has none): the token came from the signed client assertion.
      expect(req.clientSecret).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an id main never gave → CERT_NOT_CHOSEN; a secret and a certificate together are refused at the contract', async () => {
    const handlers = createAppOnlyHandlers({ probes: {}, appOnly: { certificates: new CertificateKeeper() } });
    const base = {
      cloud: 'global' as const,
      tenant: 'contoso.com',
      clientId: 'x',
      mailbox: 'a@contoso.com',
      protocols: ['graph' as const],
    };
    const req = contract['appOnly.run'].request.parse({
      ...base,
      certificateId: '00000000-0000-4000-8000-000000000000',
    });
    await expect(handlers['appOnly.run'](req, ctx)).rejects.toMatchObject({ code: 'CERT_NOT_CHOSEN' });
    expect(
      contract['appOnly.run'].request.safeParse({ ...base, clientSecret: 's', certificateId: req.certificateId })
        .success,
    ).toBe(false);
    expect(contract['appOnly.run'].request.safeParse(base).success).toBe(false);
    await expect(handlers['appOnly.chooseCertificate']({}, ctx)).rejects.toMatchObject({
      code: 'CERT_DIALOG_UNAVAILABLE',
    });
  });
});
