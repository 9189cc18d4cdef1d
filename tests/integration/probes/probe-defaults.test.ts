// probes.defaults (ServiceDeps): the endpoints a deployment (or the e2e harness) gives the probes when a request
// names none, merged under the request's own overrides field by field, so a typed host keeps the default's CA
// and port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type CallContext } from '../../../electron/services/ipc/dispatch';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices } from '../../../electron/services/ipc/services';
import { mergeOverrides } from '../../../electron/services/probes/probes-handlers';
import { closedLoopbackPort, startSilentListener, type SilentListener } from '../../support/loopback-ports';

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

describe('mergeOverrides', () => {
  it('without defaults returns the request as is', () => {
    expect(mergeOverrides(undefined, undefined)).toBeUndefined();
    expect(mergeOverrides(undefined, { imap: { host: 'a.example' } })).toEqual({ imap: { host: 'a.example' } });
  });
  it('fills protocols the request leaves out, and lets the request win field by field', () => {
    const defaults = { imap: { host: '127.0.0.1', port: 993, caPem: 'CA' }, smtp: { host: '127.0.0.1', port: 587 } };
    expect(mergeOverrides(defaults, undefined)).toEqual(defaults);
    expect(mergeOverrides(defaults, { imap: { port: 1993 }, pop: { host: 'pop.example' } })).toEqual({
      imap: { host: '127.0.0.1', port: 1993, caPem: 'CA' },
      pop: { host: 'pop.example' },
      smtp: { host: '127.0.0.1', port: 587 },
    });
  });
});

describe('probes.run with probes.defaults', () => {
  let silent: SilentListener;
  let port: number;
  beforeAll(async () => {
    silent = await startSilentListener();
    port = silent.port;
  });
  afterAll(async () => {
    await silent?.stop();
  });

  it('a request naming no endpoint goes to the default; one naming a port keeps the default host', async () => {
    const d = createDispatcher(
      createHandlers(createServices({ runtime, probes: { defaults: { pop: { host: '127.0.0.1', port } } } })),
      {
        isTrustedSender: () => true,
      },
    );
    const plain = await d(
      'probes.run',
      { token, mailbox: 'servicedesk@contoso.test', protocols: ['pop'], cloud: 'custom', phaseTimeoutMs: 200 },
      trusted,
    );
    expect(plain).toMatchObject({
      ok: true,
      value: { results: [{ protocol: 'pop', outcome: 'timeout', endpoint: `127.0.0.1:${port}` }] },
    });

    // A closed port on the default host: the request's port wins, the host still comes from the defaults.
    const closedPort = await closedLoopbackPort();
    const typed = await d(
      'probes.run',
      {
        token,
        mailbox: 'servicedesk@contoso.test',
        protocols: ['pop'],
        cloud: 'custom',
        phaseTimeoutMs: 200,
        overrides: { pop: { port: closedPort } },
      },
      trusted,
    );
    expect(typed).toMatchObject({
      ok: true,
      value: { results: [{ protocol: 'pop', outcome: 'network', endpoint: `127.0.0.1:${closedPort}` }] },
    });
  });

  it('without defaults a custom cloud still needs a host (PROBE_HOST_REQUIRED)', async () => {
    const d = createDispatcher(createHandlers(createServices({ runtime })), { isTrustedSender: () => true });
    const r = await d(
      'probes.run',
      { token, mailbox: 'servicedesk@contoso.test', protocols: ['pop'], cloud: 'custom' },
      trusted,
    );
    expect(r.ok ? 'ok' : r.error.code).toBe('PROBE_HOST_REQUIRED');
  });
});
