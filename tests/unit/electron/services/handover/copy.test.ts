// Copy as a main-process action: values resolved in main, secrets and tokens cleared from the clipboard after
// the delay only if still there (and on quit), written with the OS's transient marks; secrets, tokens and values
// that failed a check copied only after main's own confirmation dialog says yes — no request flag can.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryClipboard, transientClipboardFormats } from '../../../../../electron/services/handover/clipboard';
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
import { scriptedConfirm } from '../../../../support/confirm-dialog';

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

  it('flush (app quit) clears a secret still on the clipboard at once, and leaves anything else alone', async () => {
    const cb = new MemoryClipboard();
    const g = new ClipboardGuard(cb, () => 30_000);
    await g.write('s3cret', true);
    expect(g.pending).toBe(1);
    await g.flush();
    expect(cb.peek()).toBe('');
    expect(g.pending).toBe(0);
    await g.write('t0ken', true);
    await cb.writeText('the user’s own text');
    await g.flush();
    expect(cb.peek()).toBe('the user’s own text');
    // Nothing pending: flush touches nothing.
    await g.flush();
    expect(cb.history.filter((h) => h.kind === 'clear')).toHaveLength(1);
  });

  it('marks secrets and tokens transient, plain values not', async () => {
    const cb = new MemoryClipboard();
    const g = new ClipboardGuard(cb);
    await g.write('s3cret', true);
    await g.write('client-id', false);
    expect(cb.history.map((h) => h.transient)).toEqual([true, false]);
    await g.flush();
  });

  it('names the OS marks that keep a secret out of clipboard history and managers, per platform', () => {
    expect(transientClipboardFormats('win32').map((f) => [f.format, [...f.data]])).toEqual([
      ['ExcludeClipboardContentFromMonitorProcessing', [1]],
      ['CanIncludeInClipboardHistory', [0, 0, 0, 0]],
      ['CanUploadToCloudClipboard', [0, 0, 0, 0]],
    ]);
    expect(transientClipboardFormats('darwin').map((f) => f.format)).toEqual([
      'org.nspasteboard.ConcealedType',
      'org.nspasteboard.TransientType',
    ]);
    expect(transientClipboardFormats('linux').map((f) => [f.format, new TextDecoder().decode(f.data)])).toEqual([
      ['x-kde-passwordManagerHint', 'secret'],
    ]);
    expect(transientClipboardFormats('freebsd')).toEqual([]);
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

  it('copies the client secret only after main’s dialog says yes; no payload holds it; cleared after the delay', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const confirm = scriptedConfirm('accept');
    const { call, payloads } = caller(
      { handover: { clipboard, clipboardClearMs: 5_000 }, confirm },
      { tokenStore: store },
    );
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
    expect(confirm.asked).toHaveLength(1);
    expect(confirm.asked[0]).toMatchObject({
      message: `Copy the client secret of app ${RUN.clientId} to the clipboard?`,
      confirmLabel: 'Copy secret',
    });
    expect(clipboard.peek()).toBe(SECRET);
    expect(clipboard.history.at(-1)).toMatchObject({ kind: 'write', transient: true });
    for (const p of payloads) expect(p).not.toContain(SECRET);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(clipboard.peek()).toBe(''));
  });

  it('copies plain values as shown on the sheet, without a question and without a clear', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const confirm = scriptedConfirm('decline');
    const { call } = caller({ handover: { clipboard }, confirm }, { tokenStore: store });
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
    expect(confirm.asked).toEqual([]);
  });

  it('a failing value: main asks “Copy anyway?” naming the failed check; no copies it, yes copies it', async () => {
    const { store, id } = storeWithRun({
      run: { ...RUN, redirectUri: 'https://acme.service-now.com/oauth_redirect.do/' },
    });
    const clipboard = new MemoryClipboard();
    const confirm = scriptedConfirm('decline');
    const { call } = caller({ handover: { clipboard }, confirm }, { tokenStore: store });
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'redirectUrl' }))).toEqual({
      copied: false,
      reason: 'declined',
      fieldKey: 'redirectUrl',
      label: 'Redirect URL',
    });
    expect(clipboard.peek()).toBe('');
    expect(confirm.asked[0]?.message).toBe('Copy Redirect URL although it failed a check?');
    expect(confirm.asked[0]?.detail).toMatch(/trailing slash/i);
    confirm.answer('accept');
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'redirectUrl' }))).toMatchObject({
      copied: true,
      overridden: true,
    });
    expect(clipboard.peek()).toBe('https://acme.service-now.com/oauth_redirect.do/');
  });

  it('an identity mismatch makes the account row a question; the client id the sign-in used still copies unasked', async () => {
    const { store, id } = storeWithRun({ verdict: MISMATCH_VERDICT });
    const confirm = scriptedConfirm('decline');
    const { call } = caller({ handover: { clipboard: new MemoryClipboard() }, confirm }, { tokenStore: store });
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'emailUserName' }))).toMatchObject({
      copied: false,
      reason: 'declined',
    });
    expect(confirm.asked).toHaveLength(1);
    expect(confirm.asked[0]?.detail).toContain(MISMATCH_VERDICT.sentence);
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'clientId' }))).toMatchObject({
      copied: true,
    });
    expect(confirm.asked).toHaveLength(1);
  });

  it('tokens: asked every time with the risk spelled out; then copied and cleared like secrets', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const confirm = scriptedConfirm('decline');
    const { call } = caller({ handover: { clipboard, clipboardClearMs: 1_000 }, confirm }, { tokenStore: store });
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'accessToken' }))).toMatchObject({
      copied: false,
      reason: 'declined',
    });
    expect(clipboard.peek()).toBe('');
    expect(confirm.asked[0]).toMatchObject({
      message: 'Copy the access token for servicedesk@contoso.com to the clipboard?',
      confirmLabel: 'Copy token',
    });
    expect(confirm.asked[0]?.detail).toMatch(/can read this mailbox/);
    confirm.answer('accept');
    expect(expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'accessToken' }))).toMatchObject({
      clearsInMs: 1_000,
    });
    expect(clipboard.peek()).toBe(ACCESS_TOKEN);
    expectOk(await call('handover.copy', { tokenSetId: id, fieldKey: 'refreshToken' }));
    expect(clipboard.peek()).toBe(REFRESH_TOKEN);
    expect(confirm.asked).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(clipboard.peek()).toBe(''));
  });

  it('the old renderer flags are refused, and without a dialog nothing sensitive is copied', async () => {
    const { store, id } = storeWithRun();
    const clipboard = new MemoryClipboard();
    const { call } = caller({ handover: { clipboard } }, { tokenStore: store });
    for (const flags of [{ acknowledgeTokenRisk: true }, { override: true }]) {
      const r = await call('handover.copy', { tokenSetId: id, fieldKey: 'refreshToken', ...flags });
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_REQUEST');
    }
    for (const fieldKey of ['refreshToken', 'accessToken', 'clientSecret']) {
      const r = await call('handover.copy', { tokenSetId: id, fieldKey });
      expect(r.ok ? 'ok' : r.error.code, fieldKey).toBe('NOT_AVAILABLE');
    }
    expect(clipboard.peek()).toBe('');
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
