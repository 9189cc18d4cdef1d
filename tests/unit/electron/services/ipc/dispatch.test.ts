// The contract and the dispatcher over the real handler table: the preload's method list is exactly the
// contract's area.action methods; a call from an untrusted sender or subframe, an unknown method or an invalid
// payload is refused with a coded Result before any handler runs, never a throw.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../../../shared/contract';
import { METHOD_NAMES } from '../../../../../shared/contract-methods';
import {
  createDispatcher,
  trustedOriginPredicate,
  type CallContext,
} from '../../../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../../../electron/services/ipc/handlers';
import { createServices } from '../../../../../electron/services/ipc/services';
import { inspectInput } from '../../../../../shared/tokens';

const runtime = {
  name: 'Mailbox Auth Helper',
  version: '0.0.0-test',
  platform: 'linux',
  runtime: 'node' as const,
  versions: { node: process.versions.node },
};
const trusted: CallContext = { senderUrl: 'app://renderer/index.html', isMainFrame: true };
const logs: string[] = [];
const dispatch = createDispatcher(createHandlers(createServices({ runtime })), {
  isTrustedSender: trustedOriginPredicate(['app://renderer']),
  log: (l) => logs.push(l),
});

describe('contract', () => {
  it('the preload method list names exactly the contract methods', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });
  it('every method is namespaced as area.action, both camelCase (the area is the feature: productSession)', () => {
    for (const m of METHOD_NAMES) expect(m).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });
});

describe('dispatcher', () => {
  it('answers app.info with the version, platform and clouds', async () => {
    const r = await dispatch('app.info', {}, trusted);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as { version: string; platform: string; clouds: { id: string }[] };
    expect(v.version).toBe('0.0.0-test');
    expect(v.platform).toBe('linux');
    expect(v.clouds.map((c) => c.id)).toEqual(['global', 'usgov-high', 'usgov-dod', 'china', 'custom']);
  });

  it('turns an invalid payload into INVALID_REQUEST, not a throw', async () => {
    for (const bad of [undefined, null, 42, 'x', { token: 5 }, { token: '' }, { token: 'a', extra: 1 }]) {
      const r = await dispatch('tokens.verify', bad, trusted);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await dispatch('app.info', { sneaky: true }, trusted)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
  });

  it('refuses calls from an untrusted sender or a subframe before looking at the payload', async () => {
    const evil = await dispatch(
      'app.info',
      {},
      { senderUrl: 'https://login.microsoftonline.com/x', isMainFrame: true },
    );
    expect(evil).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const sub = await dispatch('app.info', {}, { senderUrl: 'app://renderer/index.html', isMainFrame: false });
    expect(sub).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const lookalike = await dispatch(
      'app.info',
      {},
      { senderUrl: 'app://renderer.evil.test/index.html', isMainFrame: true },
    );
    expect(lookalike).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await dispatch('app.info', {}, { senderUrl: 'not a url', isMainFrame: true })).toMatchObject({ ok: false });
  });

  it('refuses unknown methods, including prototype names', async () => {
    for (const m of ['nope.nothing', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(m, {}, trusted)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('tokens.inspect is no IPC method (the renderer inspects pastes itself); the shared inspector decodes the same paste', async () => {
    expect(await dispatch('tokens.inspect', { token: 'x' }, trusted)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ aud: 'https://outlook.office.com', upn: 'servicedesk@contoso.test' })}.c2ln`;
    const first = inspectInput(`Bearer ${jwt}`).tokens[0];
    expect(first).toMatchObject({ header: { kid: 'k1' }, claims: { upn: 'servicedesk@contoso.test' } });
    const bad = inspectInput('hello');
    expect(bad.tokens).toEqual([]);
    expect(bad.findings[0]).toMatchObject({ severity: 'error', code: 'INPUT_NO_TOKEN' });
    expect(bad.findings[0]?.nextStep.length).toBeGreaterThan(5);
  });
});
