// The profile store: round trip, secrets sealed (never in the file in clear — the bytes are read), tokens never
// saved, a corrupt or newer file moved aside with a message while valid profiles survive, concurrent saves all
// kept, and authorize.start with a profile id resolving the secret in main.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../../../electron/services/profiles/profile-store';
import { AesGcmVault, unavailableVault, type SecretVault } from '../../../../../electron/services/profiles/vault';
import type { AuthorizeService } from '../../../../../electron/services/authorize/authorize-service';
import type { AuthorizeConfig } from '../../../../../shared/authorize/schema';
import type { ProfilesSaveRequest } from '../../../../../shared/handover';
import { PROFILES_FILE_VERSION } from '../../../../../shared/profiles/profile';
import { RUN, SECRET, caller, expectOk, storeWithRun } from '../../../../support/handover-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-profiles-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.alloc(32, 7);
const fixedNow = () => new Date('2025-03-04T05:06:07.089Z');
const newStore = (vault: SecretVault = new AesGcmVault(KEY)) => new ProfileStore({ dir, vault, now: fixedNow });
const req = (name: string, secret: ProfilesSaveRequest['secret'] = { action: 'keep' }): ProfilesSaveRequest => ({
  name,
  config: RUN,
  secret,
});
const fileBytes = () => readFileSync(join(dir, 'profiles.json'));

describe('ProfileStore', () => {
  it('round-trips profiles without secrets and lists them by name', async () => {
    const s = newStore();
    const a = await s.save(req('Zeta desk'));
    await s.save(req('Alpha desk'));
    const again = newStore();
    const list = await again.list();
    expect(list.notice).toBeUndefined();
    expect(list.profiles.map((p) => p.name)).toEqual(['Alpha desk', 'Zeta desk']);
    expect(await again.load(a.id)).toEqual({
      id: a.id,
      name: 'Zeta desk',
      config: RUN,
      hasSecret: false,
      createdAt: fixedNow().toISOString(),
      updatedAt: fixedNow().toISOString(),
    });
  });

  it('saves a secret only when asked, sealed: the file bytes never contain it in clear; a new vault key cannot open it', async () => {
    const s = newStore();
    const p = await s.save(req('ServiceNow prod', { action: 'value', value: SECRET }));
    expect(p.hasSecret).toBe(true);
    const bytes = fileBytes();
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from(SECRET).toString('base64'))).toBe(false);
    expect(bytes.toString('utf8')).toContain('"vault": "aes-256-gcm"');
    expect(await newStore().secretOf(p.id)).toBe(SECRET);
    await expect(newStore(new AesGcmVault(Buffer.alloc(32, 8))).secretOf(p.id)).rejects.toMatchObject({
      code: 'VAULT_UNSEAL_FAILED',
    });
    // keep leaves it, remove drops it
    await s.save({ ...req('ServiceNow prod'), id: p.id });
    expect((await s.load(p.id)).hasSecret).toBe(true);
    await s.save({ ...req('ServiceNow prod', { action: 'remove' }), id: p.id });
    expect((await s.load(p.id)).hasSecret).toBe(false);
    await expect(s.secretOf(p.id)).rejects.toMatchObject({ code: 'PROFILE_HAS_NO_SECRET' });
  });

  it('refuses to save a secret when the vault cannot seal safely, and writes nothing', async () => {
    const s = newStore(unavailableVault('basic_text backend'));
    await expect(s.save(req('x', { action: 'value', value: SECRET }))).rejects.toMatchObject({
      code: 'VAULT_UNAVAILABLE',
    });
    expect(existsSync(join(dir, 'profiles.json'))).toBe(false);
  });

  it('moves a corrupt file aside with a message, never overwriting it, and starts empty', async () => {
    writeFileSync(join(dir, 'profiles.json'), '{"version":1,"profiles":[{"id":"a"');
    const s = newStore();
    const list = await s.list();
    expect(list.profiles).toEqual([]);
    expect(list.notice).toMatchObject({
      code: 'PROFILES_FILE_CORRUPT',
      movedTo: join(dir, 'profiles.json.corrupt-2025-03-04T05-06-07-089Z'),
    });
    expect(list.notice?.message).toContain('moved aside');
    expect(readFileSync(join(dir, 'profiles.json.corrupt-2025-03-04T05-06-07-089Z'), 'utf8')).toBe(
      '{"version":1,"profiles":[{"id":"a"',
    );
    // The notice is delivered once; a save afterwards does not touch the moved file.
    expect((await s.list()).notice).toBeUndefined();
    await s.save(req('fresh'));
    expect(readdirSync(dir).sort()).toEqual(['profiles.json', 'profiles.json.corrupt-2025-03-04T05-06-07-089Z']);
  });

  it('keeps the valid profiles of a partly damaged file and moves the original aside', async () => {
    const s = newStore();
    const good = await s.save(req('good one'));
    const file = JSON.parse(fileBytes().toString('utf8')) as { profiles: unknown[] };
    file.profiles.push(
      { id: 'broken', name: 42 },
      { id: 'tok', name: 'with a token', config: RUN, accessToken: 'eyJ...', createdAt: 'x', updatedAt: 'x' },
    );
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(file));
    const list = await newStore().list();
    expect(list.profiles.map((p) => p.id)).toEqual([good.id]);
    expect(list.notice).toMatchObject({ code: 'PROFILES_ENTRIES_DROPPED' });
    expect(list.notice?.message).toContain('2 saved profiles were damaged');
    expect(existsSync(list.notice?.movedTo ?? '')).toBe(true);
    expect(JSON.parse(fileBytes().toString('utf8')).profiles).toHaveLength(1);
  });

  it('moves a newer-version file aside and says so', async () => {
    const newer = JSON.stringify({ version: PROFILES_FILE_VERSION + 1, profiles: [{ id: 'x', anything: true }] });
    writeFileSync(join(dir, 'profiles.json'), newer);
    const list = await newStore().list();
    expect(list.notice).toMatchObject({ code: 'PROFILES_FILE_NEWER' });
    expect(readFileSync(list.notice?.movedTo ?? '', 'utf8')).toBe(newer);
  });

  it('reads a version 1 file silently and writes it back as the current version, profiles intact', async () => {
    const v1 = {
      version: 1,
      profiles: [{ id: 'old-1', name: 'Old desk', config: RUN, createdAt: 'then', updatedAt: 'then' }],
    };
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify(v1));
    const s = newStore();
    const list = await s.list();
    expect(list.notice).toBeUndefined();
    expect(list.profiles.map((p) => p.id)).toEqual(['old-1']);
    expect(readdirSync(dir)).toEqual(['profiles.json']);
    await s.updateWatch('old-1', () => ({ lastAuthorizedAt: '2025-03-01T00:00:00.000Z' }));
    const written = JSON.parse(fileBytes().toString('utf8')) as { version: number; profiles: { name: string }[] };
    expect(written.version).toBe(PROFILES_FILE_VERSION);
    expect(written.profiles[0]?.name).toBe('Old desk');
  });

  it('keeps watch facts apart from the configuration: saving the profile again does not drop them', async () => {
    const s = newStore();
    const p = await s.save(req('Desk', { action: 'value', value: SECRET }));
    const credentials = [
      { kind: 'secret' as const, keyId: 'k1', description: 'current', endsAt: '2026-01-01T00:00:00Z' },
    ];
    const updated = await s.updateWatch(p.id, (w) => ({ ...w, audit: { auditedAt: 'now', credentials } }));
    expect(updated.watch?.audit?.credentials).toEqual(credentials);
    await s.save({ ...req('Desk'), id: p.id });
    const again = await newStore().load(p.id);
    expect(again.watch?.audit?.credentials).toEqual(credentials);
    expect(again.hasSecret).toBe(true);
    await expect(s.updateWatch('missing', (w) => w ?? {})).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });

  it('serializes concurrent saves: none is lost', async () => {
    const s = newStore();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.save(
          req(
            `profile ${String(i).padStart(2, '0')}`,
            i % 3 === 0 ? { action: 'value', value: `${SECRET}-${i}` } : { action: 'keep' },
          ),
        ),
      ),
    );
    const list = await newStore().list();
    expect(list.profiles).toHaveLength(20);
    expect(list.profiles.filter((p) => p.hasSecret)).toHaveLength(7);
    expect(fileBytes().includes(Buffer.from(SECRET))).toBe(false);
  });

  it('replaces a profile of the same name instead of duplicating it', async () => {
    const s = newStore();
    const a = await s.save(req('Desk'));
    const b = await s.save({ ...req('desk'), config: { ...RUN, tenant: 'fabrikam.onmicrosoft.com' } });
    expect(b.id).toBe(a.id);
    expect((await s.list()).profiles).toHaveLength(1);
  });
});

describe('profiles over the dispatcher, and authorize with a profile', () => {
  it('saves the secret of an authorize run without it crossing IPC, then authorize.start resolves it in main', async () => {
    const { store, id } = storeWithRun();
    const profiles = newStore();
    const started: AuthorizeConfig[] = [];
    const authorize = {
      start: (cfg: AuthorizeConfig) => (started.push(cfg), { flowId: 'f1' }),
      state: { kind: 'idle' },
      cancel: () => false,
    } as unknown as AuthorizeService;
    const { call, payloads } = caller({}, { tokenStore: store, authorize, profiles });
    const saved = expectOk(
      await call<{ id: string; hasSecret: boolean }>('profiles.save', {
        name: 'From run',
        config: RUN,
        secret: { action: 'fromTokenSet', tokenSetId: id },
      }),
    );
    expect(saved.hasSecret).toBe(true);
    expect(expectOk(await call<{ profiles: unknown[] }>('profiles.list', {})).profiles).toHaveLength(1);
    const { presetId, cloud, tenant, clientId, redirectUri, scopes, signInAccount } = RUN;
    expectOk(
      await call('authorize.start', {
        profileId: saved.id,
        presetId,
        cloud,
        tenant,
        clientId,
        redirectUri,
        scopes,
        signInAccount,
      }),
    );
    expect(started[0]?.clientSecret).toBe(SECRET);
    for (const p of payloads) expect(p).not.toContain(SECRET);
    expect(expectOk(await call('profiles.delete', { id: saved.id }))).toEqual({ deleted: true });
    const r = await call('profiles.load', { id: saved.id });
    expect(r.ok ? 'ok' : r.error.code).toBe('PROFILE_NOT_FOUND');
  });

  it('authorize.start without a secret or profile is an invalid request', async () => {
    const { call } = caller({});
    const { presetId, cloud, tenant, clientId, redirectUri, scopes, signInAccount } = RUN;
    const r = await call('authorize.start', { presetId, cloud, tenant, clientId, redirectUri, scopes, signInAccount });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_REQUEST');
  });
});
