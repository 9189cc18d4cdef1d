// Copy as a main-process action: values resolved in main, secrets and tokens cleared from the clipboard after
// the delay only if still there, failing values refused without override, tokens only with acknowledgement.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryClipboard } from '../../../../../electron/services/handover/clipboard';
import { ClipboardGuard } from '../../../../../electron/services/handover/clipboard-guard';
import {
  ACCESS_TOKEN,
  MISMATCH_VERDICT,
  REFRESH_TOKEN,
  RUN,
  SECRET,
  caller,
  expectOk,
  storeWithRun,
} from '../../../../support/handover-fixtures';

describe('ClipboardGuard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears a sensitive value after the delay, not before', async () => {
    const cb = new MemoryClipboard();
    const g = new ClipboardGuard(cb, () => 30_000);
    expect(await g.write('s3cret', true)).toEqual({ clearsInMs: 30_000 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(cb.peek()).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(1);
    await g.lastClear;
    expect(cb.peek()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const cb = new MemoryClipboard();
    const g = new ClipboardGuard(cb, () => 1_000);
    await g.write('s3cret', true);
    await cb.writeText('something the user copied');
    await vi.advanceTimersByTimeAsync(1_000);
    await g.lastClear;
    expect(cb.peek()).toBe('something the user copied');
    expect(cb.history.filter((h) => h.kind === 'clear')).toHaveLength(0);
  });

  it('schedules nothing for plain values', async () => {
    const cb = new MemoryClipboard();
    const g = new ClipboardGuard(cb);
    expect(await g.write('client-id', false)).toEqual({});
    expect(g.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(cb.peek()).toBe('client-id');
  });
});

describe('handover.copy over the dispatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('copies the client secret from the token store; no payload ever holds it; cleared after the configured delay', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const { call, payloads } = caller({ handover: { clipboard, clipboardClearMs: 5_000 } }, { tokenStore: store });
    const sheet = expectOk(await call<{ fields: { key: string }[] }>('handover.sheet', { tokenSetId: id }));
    expect(sheet.fields.map((f) => f.key)).toContain('clientSecret');
    const r = expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'clientSecret' }));
    expect(r).toEqual({
      copied: true,
      fieldKey: 'clientSecret',
      label: 'Client Secret',
      clearsInMs: 5_000,
      overridden: false,
    });
    expect(clipboard.peek()).toBe(SECRET);
    for (const p of payloads) expect(p).not.toContain(SECRET);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(clipboard.peek()).toBe(''));
  });

  it('copies plain values as shown on the sheet, without a clear', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const { call } = caller({ handover: { clipboard } }, { tokenStore: store });
    const r = expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'entityScopes.1' }));
    expect(r).toEqual({
      copied: true,
      fieldKey: 'entityScopes.1',
      label: 'OAuth Entity Scopes (Name / OAuth scope)',
      overridden: false,
    });
    expect(clipboard.peek()).toBe('https://outlook.office.com/SMTP.Send');
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'tokenUrl' }))).not.toHaveProperty(
      'clearsInMs',
    );
    expect(clipboard.peek()).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
  });

  it('refuses a failing value with COPY_BLOCKED_FINDING, and copies it with override', async () => {
    const { store, id } = storeWithRun({
      run: { ...RUN, redirectUri: 'https://acme.service-now.com/oauth_redirect.do/' },
    });
    const clipboard = new MemoryClipboard();
    const { call } = caller({ handover: { clipboard } }, { tokenStore: store });
    const refused = await call('handover.copy', { tokenSetId: id, fieldKey: 'redirectUrl' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('COPY_BLOCKED_FINDING');
      expect(refused.error.detail).toBe('REDIRECT_TRAILING_SLASH');
      expect(refused.error.nextStep).toMatch(/Copy anyway/);
    }
    expect(clipboard.peek()).toBe('');
    expect(
      expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'redirectUrl', override: true })),
    ).toMatchObject({ overridden: true });
    expect(clipboard.peek()).toBe('https://acme.service-now.com/oauth_redirect.do/');
  });

  it('an identity mismatch blocks even the client id until overridden', async () => {
    const { store, id } = storeWithRun({ verdict: MISMATCH_VERDICT });
    const { call } = caller({ handover: { clipboard: new MemoryClipboard() } }, { tokenStore: store });
    const r = await call('handover.copy', { tokenSetId: id, fieldKey: 'clientId' });
    expect(r.ok ? 'ok' : r.error.code).toBe('COPY_BLOCKED_FINDING');
    expect(r.ok ? '' : r.error.detail).toBe('IDENTITY_MISMATCH');
  });

  it('tokens need acknowledgeTokenRisk; then copied and cleared like secrets', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const { call } = caller({ handover: { clipboard, clipboardClearMs: 1_000 } }, { tokenStore: store });
    const r = await call('handover.copy', { tokenSetId: id, fieldKey: 'accessToken' });
    expect(r.ok ? 'ok' : r.error.code).toBe('TOKEN_RISK_NOT_ACKNOWLEDGED');
    expect(clipboard.peek()).toBe('');
    expect(
      expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'accessToken', acknowledgeTokenRisk: true })),
    ).toMatchObject({ clearsInMs: 1_000 });
    expect(clipboard.peek()).toBe(ACCESS_TOKEN);
    expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'refreshToken', acknowledgeTokenRisk: true }));
    expect(clipboard.peek()).toBe(REFRESH_TOKEN);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(clipboard.peek()).toBe(''));
  });

  it('answers coded errors for unknown runs and fields, a missing clipboard, and bad requests', async () => {
    const { store, id } = storeWithRun();
    const { call } = caller({ handover: { clipboard: new MemoryClipboard() } }, { tokenStore: store });
    const code = async (req: unknown) => {
      const r = await call('handover.copy', req);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code({ tokenSetId: 'nope', fieldKey: 'clientId' })).toBe('TOKEN_SET_NOT_FOUND');
    expect(await code({ tokenSetId: id, fieldKey: 'noSuchField' })).toBe('FIELD_NOT_FOUND');
    expect(await code({ fieldKey: 'clientId' })).toBe('INVALID_REQUEST');
    expect(await code({ tokenSetId: id, profileId: 'p', fieldKey: 'clientId' })).toBe('INVALID_REQUEST');
    const bare = caller({}, { tokenStore: store });
    const r = await bare.call('handover.copy', { tokenSetId: id, fieldKey: 'clientId' });
    expect(r.ok ? 'ok' : r.error.code).toBe('CLIPBOARD_UNAVAILABLE');
  });
});
