// probes.run and probes.cancel through the real dispatcher and handler table: token-set lookup (an empty store,
// and one holding the run), a stored token sent to a host outside the run's cloud only after main's dialog says
// yes (and that host remembered for the run), request refusals, and cancelling a run in flight against a loopback
// listener that accepts and never answers (hence integration).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher, trustedOriginPredicate, type CallContext } from '../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices } from '../../../electron/services/ipc/services';
import { scriptedConfirm } from '../../support/confirm-dialog';
import { startSilentListener, type SilentListener } from '../../support/loopback-ports';

const runtime = {
  name: 'Mailbox Auth Helper',
  version: '0.0.0-test',
  platform: 'linux',
  runtime: 'node' as const,
  versions: {},
};
const trusted: CallContext = { senderUrl: 'app://renderer/index.html', isMainFrame: true };
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ alg: 'none' })}.${b64({ upn: 'servicedesk@contoso.test', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;

let silent: SilentListener;
let port: number;
beforeAll(async () => {
  silent = await startSilentListener();
  port = silent.port;
});
afterAll(async () => {
  await silent?.stop();
});

describe('probes.run / probes.cancel over the dispatcher', () => {
  it('an unknown tokenSetId is TOKEN_SET_NOT_FOUND by default, and resolves through the injected store', async () => {
    const d = createDispatcher(createHandlers(createServices({ runtime })), {
      isTrustedSender: trustedOriginPredicate(['app://renderer']),
    });
    const r = await d(
      'probes.run',
      { tokenSetId: 'ts-1', mailbox: 'servicedesk@contoso.test', protocols: ['pop'] },
      trusted,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'TOKEN_SET_NOT_FOUND' } });
    if (!r.ok) expect(r.error.nextStep).toMatch(/Authorize/);

    const confirm = scriptedConfirm('decline');
    const services = createServices({ runtime, confirm });
    const { id } = services.tokens.store.put({ accessTokens: [{ value: token }] });
    const lookups = vi.spyOn(services.tokens.store, 'accessTokenFor');
    const withStore = createDispatcher(createHandlers(services), { isTrustedSender: () => true });
    const request = {
      tokenSetId: id,
      mailbox: 'servicedesk@contoso.test',
      protocols: ['pop'],
      phaseTimeoutMs: 300,
      overrides: { pop: { host: '127.0.0.1', port } },
    };
    // 127.0.0.1 is not one of Global's hosts: main asks, and a no sends nothing.
    const declined = await withStore('probes.run', request, trusted);
    expect(declined).toMatchObject({ ok: false, error: { code: 'PROBE_HOST_NOT_CONFIRMED' } });
    if (!declined.ok) expect(declined.error.message).toContain(`127.0.0.1:${port}`);
    expect(lookups).not.toHaveBeenCalled();
    expect(confirm.asked).toHaveLength(1);
    expect(confirm.asked[0]?.message).toBe(`Send the access token for this mailbox to 127.0.0.1:${port}?`);

    confirm.answer('accept');
    const ok = await withStore('probes.run', request, trusted);
    expect(lookups.mock.calls).toEqual([[id, 'pop']]);
    expect(ok).toMatchObject({
      ok: true,
      value: {
        mailbox: 'servicedesk@contoso.test',
        token: { identity: 'servicedesk@contoso.test' },
        results: [{ protocol: 'pop', outcome: 'timeout' }],
      },
    });
    // The token itself never travels back.
    expect(JSON.stringify(ok)).not.toContain(token);
    // The confirmed host is remembered for this run: the next probe there is not asked again.
    confirm.answer('decline');
    expect((await withStore('probes.run', request, trusted)).ok).toBe(true);
    expect(confirm.asked).toHaveLength(2);
  });

  it('refuses both or neither of token / tokenSetId, oversized tokens and duplicate protocols', async () => {
    const d = createDispatcher(createHandlers(createServices({ runtime })), { isTrustedSender: () => true });
    const base = { mailbox: 'servicedesk@contoso.test', protocols: ['imap'] };
    for (const bad of [
      base,
      { ...base, token, tokenSetId: 'x' },
      { ...base, token: 'x'.repeat(1024 * 1024 + 1) },
      { ...base, token, protocols: ['imap', 'imap'] },
      { ...base, token, cloud: 'mars' },
    ]) {
      expect(await d('probes.run', bad, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('probes.cancel stops a run in flight by its run id; unknown ids report false', async () => {
    const d = createDispatcher(createHandlers(createServices({ runtime })), { isTrustedSender: () => true });
    const running = d(
      'probes.run',
      {
        runId: 'run-12345678',
        token,
        mailbox: 'servicedesk@contoso.test',
        protocols: ['imap', 'pop', 'smtp'],
        phaseTimeoutMs: 20_000,
        overrides: {
          imap: { host: '127.0.0.1', port },
          pop: { host: '127.0.0.1', port },
          smtp: { host: '127.0.0.1', port },
        },
      },
      trusted,
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(await d('probes.cancel', { runId: 'run-12345678' }, trusted)).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    const r = await running;
    expect(r.ok).toBe(true);
    if (r.ok)
      for (const p of (r.value as { results: { outcome: string }[] }).results) expect(p.outcome).toBe('cancelled');
    expect(await d('probes.cancel', { runId: 'run-12345678' }, trusted)).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });
});
