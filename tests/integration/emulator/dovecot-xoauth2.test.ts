// Real Dovecot (oauth2 passdb → emulator /introspect) accepting IMAP and POP XOAUTH2 only for the mailbox the
// token belongs to: servicedesk's token opens servicedesk@, adele's token (the SSO trap's result) does not.
import { connect as netConnect } from 'node:net';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { fetchLogin } from '../../emulator/fetch-login';
import { dovecotUnavailable, loopbackSource, startDovecot, type DovecotServer } from '../../support/dovecot';

const unavailable = dovecotUnavailable();
if (unavailable) console.warn(`Skipping Dovecot XOAUTH2 tests: ${unavailable}`);

let em: Emulator;
let dc: DovecotServer;

beforeAll(async () => {
  if (unavailable) return;
  em = await startEmulator();
  em.trustInProcess();
  dc = await startDovecot(em);
});
afterAll(async () => {
  await dc?.stop();
  await em?.stop();
});

/** Signs the user in through the emulator (as a product would) and redeems the code for an Outlook token. */
async function outlookTokenFor(who: 'servicedesk' | 'adele'): Promise<string> {
  const user = em.directory.users[who];
  const app = em.directory.apps.generic;
  const redirectUri = app.redirectUris[1] ?? '';
  const scope =
    'https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/POP.AccessAsUser.All offline_access';
  const q = new URLSearchParams({
    client_id: app.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    prompt: 'login',
    login_hint: user.upn,
  });
  const login = await fetchLogin(`${em.authority()}/oauth2/v2.0/authorize?${q.toString()}`, {
    upn: user.upn,
    password: user.password ?? '',
  });
  const res = await fetch(`${em.authority()}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: app.secret.value,
      code: login.params.get('code') ?? '',
      redirect_uri: redirectUri,
      scope,
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

const xoauth2 = (user: string, token: string): string =>
  Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');

/** Runs a line-based TLS conversation; `script` returns the next line to send for what was received, or null to stop. */
function converse(port: number, ca: string, script: (received: string) => string | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const raw = netConnect({ host: '127.0.0.1', port, localAddress: loopbackSource() });
    const sock = connect({ socket: raw, ca, servername: 'localhost' });
    let all = '';
    let pending = '';
    sock.setTimeout(15_000, () => {
      sock.destroy();
      reject(new Error(`timeout; got: ${all}`));
    });
    sock.on('data', (d: Buffer) => {
      all += d.toString();
      pending += d.toString();
      if (!pending.endsWith('\r\n')) return;
      const next = script(pending);
      pending = '';
      if (next === null) {
        sock.end();
        resolve(all);
      } else sock.write(`${next}\r\n`);
    });
    sock.on('error', reject);
    sock.on('end', () => resolve(all));
  });
}

async function imapLogin(user: string, token: string): Promise<string> {
  let step = 0;
  return converse(dc.imapsPort, dc.caPem, (got) => {
    step += 1;
    if (step === 1) return `A1 AUTHENTICATE XOAUTH2 ${xoauth2(user, token)}`;
    if (got.startsWith('+ ')) return ''; // error challenge: acknowledge, server then says NO
    if (/^A1 OK/m.test(got) && step < 5) return 'A2 STATUS INBOX (MESSAGES)';
    return null;
  });
}

describe.skipIf(unavailable)('Dovecot oauth2 passdb with the emulator introspection', () => {
  it('IMAP XOAUTH2 user=servicedesk with servicedesk’s token succeeds and sees the seeded mail', async () => {
    const token = await outlookTokenFor('servicedesk');
    const out = await imapLogin('servicedesk@contoso.test', token);
    expect(out).toMatch(/^A1 OK/m);
    expect(out).toMatch(/\* STATUS INBOX \(MESSAGES 3\)/);
  });

  it('IMAP XOAUTH2 user=servicedesk with adele’s token fails', async () => {
    const token = await outlookTokenFor('adele');
    const out = await imapLogin('servicedesk@contoso.test', token);
    expect(out).toMatch(/^A1 NO/m);
    expect(out).not.toMatch(/^A1 OK/m);
  });

  it('IMAP XOAUTH2 with a forged (wrongly signed) or Graph token fails', async () => {
    const real = await outlookTokenFor('servicedesk');
    const [, payload] = real.split('.');
    const forged = await em.signToken(
      JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>,
      { key: 'foreign' },
    );
    expect(await imapLogin('servicedesk@contoso.test', forged)).toMatch(/^A1 NO/m);
    const graph = await em.mintUserAccessToken('servicedesk@contoso.test', { resource: 'https://graph.microsoft.com' });
    expect(await imapLogin('servicedesk@contoso.test', graph)).toMatch(/^A1 NO/m);
  });

  it('POP3 AUTH XOAUTH2 with servicedesk’s token succeeds', async () => {
    const token = await outlookTokenFor('servicedesk');
    let step = 0;
    const out = await converse(dc.pop3sPort, dc.caPem, (got) => {
      step += 1;
      if (step === 1) return `AUTH XOAUTH2 ${xoauth2('servicedesk@contoso.test', token)}`;
      if (step === 2 && got.startsWith('+OK')) return 'STAT';
      if (got.startsWith('+ ')) return '';
      return null;
    });
    expect(out).toMatch(/\+OK Logged in/);
    expect(out).toMatch(/^\+OK 3 \d+/m);
  });

  it('a token without POP.AccessAsUser.All opens IMAP but is refused on POP3, as Exchange Online refuses it', async () => {
    // Microsoft, "Authenticate an IMAP, POP or SMTP connection using OAuth": each protocol needs its own permission.
    const token = await em.mintUserAccessToken('servicedesk@contoso.test', { scopes: ['IMAP.AccessAsUser.All'] });
    const imap = await imapLogin('servicedesk@contoso.test', token);
    expect(imap).toMatch(/^A1 OK/m);
    let step = 0;
    const pop = await converse(dc.pop3sPort, dc.caPem, (got) => {
      step += 1;
      if (step === 1) return `AUTH XOAUTH2 ${xoauth2('servicedesk@contoso.test', token)}`;
      if (got.startsWith('+ ')) return '';
      return null;
    });
    expect(pop).toMatch(/^-ERR/m);
    expect(pop).not.toMatch(/\+OK Logged in/);
  });
});
