// Owns the baselines of issue 22's probe overhead: the bare client library doing the same login on the same
// server as each probe, with nothing of the app around it. IMAP: imapflow connect (TLS, XOAUTH2), EXAMINE INBOX,
// LOGOUT. SMTP: nodemailer's SMTPConnection, STARTTLS, AUTH XOAUTH2, QUIT. POP: a raw TLS exchange, AUTH
// XOAUTH2, STAT, QUIT. Graph: one HTTPS GET of the mailbox's inbox. Each resolves when its exchange is done.
import { once } from 'node:events';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { ImapFlow } from 'imapflow';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';

export interface BareTarget {
  readonly port: number;
  readonly caPem: string;
  readonly user: string;
  readonly token: string;
}

const host = '127.0.0.1';

export async function bareImap(t: BareTarget): Promise<void> {
  const client = new ImapFlow({
    host,
    port: t.port,
    secure: true,
    auth: { user: t.user, accessToken: t.token },
    tls: { ca: [t.caPem] },
    logger: false,
    disableAutoIdle: true,
    disableAutoEnable: true,
    qresync: false,
  });
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  await client.logout();
}

export async function bareSmtp(t: BareTarget): Promise<void> {
  const conn = new SMTPConnection({ host, port: t.port, secure: false, requireTLS: true, tls: { ca: [t.caPem] } });
  await new Promise<void>((resolve, reject) => {
    conn.once('error', reject);
    conn.connect(() => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    const oauth2 = new XOAuth2({ user: t.user, accessToken: t.token });
    conn.login({ user: t.user, method: 'XOAUTH2', oauth2 } as never, (err) => (err ? reject(err) : resolve()));
  });
  const ended = once(conn, 'end');
  conn.quit();
  await ended;
}

/** POP3 over TLS, line by line: greeting, AUTH XOAUTH2 (continuation), STAT, QUIT. */
export async function barePop(t: BareTarget): Promise<void> {
  const socket = tlsConnect({ host, port: t.port, ca: [t.caPem] });
  await once(socket, 'secureConnect');
  let buffer = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => {
    buffer += d;
    for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = (): Promise<string> => {
    const l = lines.shift();
    return l !== undefined ? Promise.resolve(l) : new Promise((resolve) => waiting.push(resolve));
  };
  const expectOk = async (): Promise<string> => {
    const l = await next();
    if (!l.startsWith('+OK')) throw new Error(`POP: ${l}`);
    return l;
  };
  await expectOk();
  socket.write('AUTH XOAUTH2\r\n');
  const cont = await next();
  if (!cont.startsWith('+')) throw new Error(`POP: ${cont}`);
  socket.write(`${Buffer.from(`user=${t.user}\u0001auth=Bearer ${t.token}\u0001\u0001`).toString('base64')}\r\n`);
  await expectOk();
  socket.write('STAT\r\n');
  await expectOk();
  socket.write('QUIT\r\n');
  await expectOk();
  socket.end();
}

/** One HTTPS GET of the mailbox's inbox folder, body read to the end. */
export async function bareGraph(t: BareTarget): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = request(
      {
        host,
        port: t.port,
        path: `/v1.0/users/${encodeURIComponent(t.user)}/mailFolders/inbox`,
        headers: { authorization: `Bearer ${t.token}`, accept: 'application/json' },
        ca: [t.caPem],
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`Graph: HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
