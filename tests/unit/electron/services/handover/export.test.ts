// Export: JSON and .env content, mode 0600, the refresh token and secret only when asked, the save dialog's
// cancel, and the atomic write: a write failing midway leaves the old file intact and no temp file behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeAtomicFs, writeFileAtomic, type AtomicFs } from '../../../../../electron/services/handover/atomic-write';
import { fixedPathDialog } from '../../../../../electron/services/handover/save-dialog';
import { ENV_NAMES } from '../../../../../shared/handover';
import {
  MISMATCH_VERDICT,
  REFRESH_TOKEN,
  RUN,
  SECRET,
  caller,
  expectOk,
  storeWithRun,
} from '../../../../support/handover-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mah-export-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

function setup(over: Parameters<typeof storeWithRun>[0] = {}, file = 'out') {
  const { store, id } = storeWithRun(over);
  const dialog = fixedPathDialog((o) =>
    join(dir, `${file}${o.filters[0]?.extensions[0] === 'env' ? '.env' : '.json'}`),
  );
  return { id, dialog, ...caller({ handover: { saveDialog: dialog } }, { tokenStore: store }) };
}

describe('handover.export', () => {
  it('writes JSON with the product fields and plain keys, mode 0600, without secret or refresh token by default', async () => {
    const { id, call, dialog } = setup();
    const r = expectOk(
      await call<{ saved: true; path: string; mode?: string }>('handover.export', { tokenSetId: id, format: 'json' }),
    );
    expect(dialog.asked[0]?.defaultName).toBe('servicenow-mailbox.json');
    const text = readFileSync(r.path, 'utf8');
    const doc = JSON.parse(text) as Record<string, unknown> & {
      fields: { key: string; value?: unknown; values?: unknown }[];
    };
    expect(doc).toMatchObject({
      format: 'mailbox-auth-helper/handover',
      version: 1,
      verified: true,
      product: { id: 'servicenow', label: 'ServiceNow' },
      clientId: RUN.clientId,
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      scopes: [
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ],
      hosts: { imap: { host: 'outlook.office365.com', port: 993 } },
    });
    expect(doc.fields.find((f) => f.key === 'entityScopes')?.values).toHaveLength(3);
    expect(doc.fields.find((f) => f.key === 'clientSecret')).toMatchObject({ value: null });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(doc).not.toHaveProperty('refreshToken');
    if (posix) {
      expect(statSync(r.path).mode & 0o777).toBe(0o600);
      expect(r.mode).toBe('0600');
    }
  });

  it('includes the secret and the refresh token only when asked', async () => {
    const { id, call } = setup();
    const r = expectOk(
      await call<{ path: string }>('handover.export', {
        tokenSetId: id,
        format: 'json',
        includeClientSecret: true,
        includeRefreshToken: true,
      }),
    );
    const doc = JSON.parse(readFileSync(r.path, 'utf8')) as {
      clientSecret: string;
      refreshToken: string;
      fields: { key: string; value: unknown }[];
    };
    expect(doc.clientSecret).toBe(SECRET);
    expect(doc.refreshToken).toBe(REFRESH_TOKEN);
    expect(doc.fields.find((f) => f.key === 'clientSecret')?.value).toBe(SECRET);
  });

  it('writes .env with the documented names, quoted, 0600; refresh token absent unless asked', async () => {
    const { id, call } = setup();
    const r = expectOk(
      await call<{ path: string }>('handover.export', { tokenSetId: id, format: 'env', includeClientSecret: true }),
    );
    const text = readFileSync(r.path, 'utf8');
    const vars = new Map(
      text
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#'))
        .map((l) => {
          const i = l.indexOf('=');
          return [l.slice(0, i), JSON.parse(l.slice(i + 1)) as string] as const;
        }),
    );
    for (const k of vars.keys()) expect(ENV_NAMES).toContain(k);
    expect(vars.get('MAH_CLIENT_ID')).toBe(RUN.clientId);
    expect(vars.get('MAH_CLIENT_SECRET')).toBe(SECRET);
    expect(vars.get('MAH_SCOPES')).toBe(
      'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access',
    );
    expect(vars.get('MAH_AUTHORIZE_URL')).toBe(
      'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize',
    );
    expect(vars.get('MAH_IMAP_PORT')).toBe('993');
    expect(vars.get('MAH_VERIFIED')).toBe('true');
    expect(vars.has('MAH_REFRESH_TOKEN')).toBe(false);
    expect(text).not.toContain(REFRESH_TOKEN);
    if (posix) expect(statSync(r.path).mode & 0o777).toBe(0o600);
  });

  // Windows has no POSIX modes to check.
  it.skipIf(!posix)('replaces an existing wider-mode file with a 0600 one', async () => {
    const { id, call } = setup();
    writeFileSync(join(dir, 'out.env'), 'OLD=1\n', { mode: 0o644 });
    const r = expectOk(await call<{ path: string }>('handover.export', { tokenSetId: id, format: 'env' }));
    expect(statSync(r.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(r.path, 'utf8')).not.toContain('OLD=1');
  });

  it('refuses an unverified run without override, and marks the file verified: false with it', async () => {
    const { id, call } = setup({ verdict: MISMATCH_VERDICT });
    const r = await call('handover.export', { tokenSetId: id, format: 'json' });
    expect(r.ok ? 'ok' : r.error.code).toBe('EXPORT_BLOCKED_FINDING');
    const ok = expectOk(
      await call<{ path: string }>('handover.export', { tokenSetId: id, format: 'json', override: true }),
    );
    expect(JSON.parse(readFileSync(ok.path, 'utf8'))).toMatchObject({
      verified: false,
      verdict: 'IDENTITY_MISMATCH',
      status: 'not-verified',
    });
  });

  it('returns cancelled when the dialog is cancelled and writes nothing', async () => {
    const { store, id } = storeWithRun();
    const { call } = caller({ handover: { saveDialog: fixedPathDialog(() => undefined) } }, { tokenStore: store });
    expect(expectOk(await call('handover.export', { tokenSetId: id, format: 'env' }))).toEqual({
      saved: false,
      reason: 'cancelled',
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  /** An fs whose writes stop after `limit` bytes with an I/O error: a crash midway through the write. */
  const failingFs = (limit: number): AtomicFs => ({
    ...nodeAtomicFs,
    open: async (path, flags, mode) => {
      const h = await nodeAtomicFs.open(path, flags, mode);
      let written = 0;
      return {
        write: async (buf, off, len, pos) => {
          const room = limit - written;
          if (room <= 0) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
          const r = await h.write(buf, off, Math.min(len, room), pos);
          written += r.bytesWritten;
          return r;
        },
        sync: () => h.sync(),
        close: () => h.close(),
      };
    },
  });

  it('a write failing midway leaves the old file intact and removes the temp file', async () => {
    const target = join(dir, 'mailbox.env');
    writeFileSync(target, 'MAH_CLIENT_ID="old"\n');
    const big = `MAH_CLIENT_ID="new"\n${'#'.repeat(10_000)}\n`;
    await expect(writeFileAtomic(target, big, failingFs(4_096))).rejects.toMatchObject({ code: 'FILE_WRITE_FAILED' });
    expect(readFileSync(target, 'utf8')).toBe('MAH_CLIENT_ID="old"\n');
    expect(readdirSync(dir)).toEqual(['mailbox.env']);
  });

  it('a failing rename also leaves the old file and no temp file', async () => {
    const target = join(dir, 'x.json');
    writeFileSync(target, '{"old":true}');
    const fs: AtomicFs = { ...nodeAtomicFs, rename: async () => Promise.reject(new Error('EXDEV: cross-device link')) };
    await expect(writeFileAtomic(target, '{"new":true}', fs)).rejects.toMatchObject({ code: 'FILE_WRITE_FAILED' });
    expect(readFileSync(target, 'utf8')).toBe('{"old":true}');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('writes the whole content when the fs accepts it in pieces', async () => {
    const target = join(dir, 'y.txt');
    const content = 'abc'.repeat(5_000);
    const chunky: AtomicFs = {
      ...nodeAtomicFs,
      open: async (p, f, m) => {
        const h = await nodeAtomicFs.open(p, f, m);
        return {
          write: (b, o, l, pos) => h.write(b, o, Math.min(l, 1_000), pos),
          sync: () => h.sync(),
          close: () => h.close(),
        };
      },
    };
    expect(await writeFileAtomic(target, content, chunky)).toBe(content.length);
    expect(readFileSync(target, 'utf8')).toBe(content);
  });
});
