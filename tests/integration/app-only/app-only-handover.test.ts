// The hand-over of an app-only run through the dispatcher (issue 24 point 2): appOnly.run with the product keeps the
// run in main and answers its id; handover.sheet builds the product's app-only field sheet (client credentials values
// verified by Entra issuing the tokens, the mailbox by the Graph probe, the sign-in-only rows "not used"); copy asks
// main's dialog before the secret and copies the value that worked; the .env export carries what app-only needs and
// none of the sign-in's values. No answer across IPC holds the secret or a token.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../electron/services/handover/clipboard';
import { fixedPathDialog } from '../../../electron/services/handover/save-dialog';
import type { FieldSheet } from '../../../shared/handover/schema';
import { startEmulator, type Emulator } from '../../emulator/index';
import { scriptedConfirm } from '../../support/confirm-dialog';
import { serviceopsOnEmulator } from '../../support/emulator-registration';
import { caller, expectOk } from '../../support/handover-fixtures';

let em: Emulator;
let dir: string;
beforeAll(async () => {
  em = await startEmulator();
  em.configureApp('serviceops', {
    grantApplication: [{ resource: 'https://graph.microsoft.com', role: 'Mail.ReadWrite' }],
  });
  dir = mkdtempSync(join(tmpdir(), 'app-only-handover-'));
});
afterAll(async () => {
  await em?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('an app-only run handed over', () => {
  it('sheet, copy and .env export of the values that worked; the sign-in-only rows not used', async () => {
    const clipboard = new MemoryClipboard();
    const confirm = scriptedConfirm('accept');
    const { call, payloads } = caller({
      probes: { defaults: { graph: { host: '127.0.0.1', port: em.port, caPem: em.caPem } } },
      handover: { clipboard, saveDialog: fixedPathDialog(() => join(dir, 'serviceops.env')) },
      confirm,
    });
    const app = em.directory.apps.serviceops;
    const run = expectOk(
      await call<{ runId?: string; results: { outcome: string }[] }>('appOnly.run', {
        ...serviceopsOnEmulator(em),
        protocols: ['graph'],
        presetId: 'motadata-serviceops',
        redirectUri: 'https://acme.serviceops.example/oauth/callback',
      }),
    );
    expect(run.results.map((r) => r.outcome)).toEqual(['ok']);
    const appOnlyRunId = run.runId ?? '';
    expect(appOnlyRunId).toMatch(/^[0-9a-f-]{36}$/);

    const sheet = expectOk(await call<FieldSheet>('handover.sheet', { appOnlyRunId }));
    expect(sheet.mode).toBe('app-only');
    // Verified against the custom authority (the emulator), not Microsoft: the sentence says so.
    expect(sheet.statusSentence).toContain(`custom authority ${em.host}`);
    const status = Object.fromEntries(sheet.fields.map((f) => [f.key, f.status]));
    expect(status).toMatchObject({
      clientId: 'verified',
      clientSecret: 'verified',
      tenantId: 'verified',
      tokenEndpointUrl: 'verified',
      scope: 'verified',
      emailAddress: 'verified',
      authorizationEndpointUrl: 'not-used',
      redirectUrl: 'not-used',
    });
    expect(sheet.fields.find((f) => f.key === 'scope')?.rows[0]?.display).toBe('https://graph.microsoft.com/.default');
    expect(sheet.tokens).toEqual([]);

    const copied = expectOk(
      await call<{ copied: boolean }>('handover.copy', { appOnlyRunId, fieldKey: 'clientSecret' }),
    );
    expect(copied.copied).toBe(true);
    expect(confirm.asked[0]?.message).toContain(`client secret of app ${app.clientId}`);
    expect(clipboard.peek()).toBe(app.secret.value);

    const saved = expectOk(
      await call<{ path: string }>('handover.export', { appOnlyRunId, format: 'env', includeClientSecret: true }),
    );
    const env = readFileSync(saved.path, 'utf8');
    expect(env).toContain(`MAH_CLIENT_SECRET="${app.secret.value}"`);
    expect(env).toContain('MAH_SCOPES="https://graph.microsoft.com/.default"');
    expect(env).not.toMatch(/MAH_REDIRECT_URI|MAH_AUTHORIZE_URL|MAH_REFRESH_TOKEN/);

    // Only the requests the renderer sent name the secret (appOnly.run's own); no answer does, nor any token.
    const answers = payloads.filter((_, i) => i % 2 === 1).join('\n');
    expect(answers).not.toContain(app.secret.value);
    expect(answers).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./);

    // An id main never gave: the run is not found, in the error's words.
    const missing = await call('handover.sheet', { appOnlyRunId: '00000000-0000-4000-8000-000000000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'APP_ONLY_RUN_NOT_FOUND' } });
  });

  it("the subject the admin asked to see is in appOnly.run's answer and in no sheet, copy or export", async () => {
    const clipboard = new MemoryClipboard();
    const { call } = caller({
      probes: { defaults: { graph: { host: '127.0.0.1', port: em.port, caPem: em.caPem } } },
      handover: {
        clipboard,
        saveDialog: fixedPathDialog((o) => join(dir, `subject-${o.defaultName}`)),
      },
      confirm: scriptedConfirm('accept'),
    });
    const SUBJECT = 'Seeded message 1 for Service Desk';
    const run = expectOk(
      await call<{ runId?: string; newestSubject?: unknown }>('appOnly.run', {
        ...serviceopsOnEmulator(em),
        protocols: ['graph'],
        canary: 'adele@contoso.test',
        showSubject: true,
        presetId: 'motadata-serviceops',
      }),
    );
    expect(run.newestSubject).toEqual({ state: 'shown', subject: SUBJECT });
    const appOnlyRunId = run.runId ?? '';

    const sheet = expectOk(await call<FieldSheet>('handover.sheet', { appOnlyRunId }));
    expect(JSON.stringify(sheet)).not.toContain(SUBJECT);
    for (const field of sheet.fields) {
      if (!field.copyable) continue;
      expectOk(await call('handover.copy', { appOnlyRunId, fieldKey: field.key }));
      expect(clipboard.peek()).not.toContain(SUBJECT);
    }
    const files: string[] = [];
    for (const format of ['json', 'env'] as const) {
      const saved = expectOk(
        await call<{ path: string }>('handover.export', {
          appOnlyRunId,
          format,
          includeClientSecret: true,
          override: true,
        }),
      );
      files.push(saved.path);
    }
    expect(files).toHaveLength(2);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain(SUBJECT);

    // Across IPC without Graph the option is refused by the contract, before main runs anything.
    const refused = await call('appOnly.run', {
      ...serviceopsOnEmulator(em),
      protocols: ['imap'],
      showSubject: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
