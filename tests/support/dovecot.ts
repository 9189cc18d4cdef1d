// Owns a throwaway Dovecot for tests: config generated into a temp dir (IMAPS + POP3S + submission on
// loopback random ports, TLS cert issued by the emulator CA, Maildir with a few seeded messages, the oauth2
// passdb posting `token=` to the emulator's /introspect), started in the foreground as a child process,
// waited on until it greets, and stopped cleanly. Works as root (CI) or as a regular user.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { Emulator } from '../emulator/index';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export interface DovecotServer {
  host: '127.0.0.1';
  imapsPort: number;
  pop3sPort: number;
  /** Dovecot submission (SMTP AUTH XOAUTH2 after STARTTLS); relays nowhere, so only AUTH is meaningful */
  submissionPort: number;
  /** CA that signed Dovecot's certificate (the emulator's) */
  caPem: string;
  dir: string;
  /** Dovecot's own log, for diagnosing a failed login in a test */
  readLog(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartDovecotOptions {
  /** mailboxes to create, each with a few seeded messages (default servicedesk@ and support@contoso.test) */
  mailboxes?: string[];
  startTimeoutMs?: number;
}

let nextSource = 1;
/**
 * A fresh loopback source address (127.0.x.y) for a client connection. Dovecot penalises failed logins per
 * client IP (anvil auth penalty, growing to 15 s); tests that fail logins on purpose connect from distinct
 * addresses (`localAddress`) so one failure never slows the next test.
 */
export function loopbackSource(): string {
  const n = nextSource++;
  return `127.0.${(Math.floor(n / 250) % 250) + 1}.${(n % 250) + 2}`;
}

/** A reason Dovecot cannot run here, or undefined when it can (for skip messages). */
export function dovecotUnavailable(): string | undefined {
  if (!existsSync(DOVECOT_BINARY)) return `${DOVECOT_BINARY} not found (install dovecot-imapd dovecot-pop3d)`;
  if (!existsSync('/usr/lib/dovecot/imap') || !existsSync('/usr/lib/dovecot/pop3'))
    return 'dovecot-imapd/dovecot-pop3d not installed';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function seedMessage(to: string, n: number): string {
  const date = new Date(Date.UTC(2024, 4, n + 1, 9, 30)).toUTCString().replace('GMT', '+0000');
  return [
    `From: Customer ${n} <customer${n}@example.net>`,
    `To: ${to}`,
    `Subject: Ticket ${n}: printer on floor ${n} is offline`,
    `Date: ${date}`,
    `Message-ID: <seed-${n}-${to.replace('@', '.')}@example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, the printer on floor ${n} has been offline since this morning.`,
    '',
  ].join('\r\n');
}

/** Waits until a TLS service on the port greets with the expected prefix. */
async function waitForGreeting(port: number, prefix: string, ca: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
      const done = (v: boolean): void => {
        sock.destroy();
        resolve(v);
      };
      sock.setTimeout(1000, () => done(false));
      sock.once('data', (d: Buffer) => done(d.toString().startsWith(prefix)));
      sock.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not answer on port ${port} in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForPlainPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = netConnect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Dovecot submission did not listen on port ${port} in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(em: Emulator, options: StartDovecotOptions = {}): Promise<DovecotServer> {
  const why = dovecotUnavailable();
  if (why) throw new Error(why);
  const dir = await mkdtemp(join(tmpdir(), 'dovecot-test-'));
  // The auth process runs as the internal user and must read the CA file inside this dir.
  await chmod(dir, 0o755);
  const me = userInfo();
  const root = me.uid === 0;
  // Dovecot refuses mail access as root; as root the mail user is nobody, otherwise the caller.
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const loginUser = root ? 'dovenull' : me.username;
  const internalUser = root ? 'dovecot' : me.username;
  const [imapsPort, pop3sPort, submissionPort] = [await freePort(), await freePort(), await freePort()];

  const cert = await em.issueCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
  await writeFile(join(dir, 'cert.pem'), cert.certPem);
  await writeFile(join(dir, 'key.pem'), cert.keyPem, { mode: 0o600 });
  await writeFile(join(dir, 'emulator-ca.pem'), em.caPem);
  await mkdir(join(dir, 'run'), { mode: 0o755 });
  await mkdir(join(dir, 'state'));
  const mailRoot = join(dir, 'mail');
  await mkdir(mailRoot);
  for (const mbox of options.mailboxes ?? ['servicedesk@contoso.test', 'support@contoso.test']) {
    const home = join(mailRoot, mbox.toLowerCase());
    const md = join(home, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(md, sub), { recursive: true });
    for (let n = 1; n <= 3; n += 1)
      await writeFile(join(md, 'new', `17000000${n}0.M${n}P1.emulator`), seedMessage(mbox, n));
    if (root) {
      for (const p of [home, md, join(md, 'cur'), join(md, 'new'), join(md, 'tmp')]) await chown(p, mailUid, mailGid);
      for (let n = 1; n <= 3; n += 1) await chown(join(md, 'new', `17000000${n}0.M${n}P1.emulator`), mailUid, mailGid);
    }
  }
  if (root) await chown(mailRoot, mailUid, mailGid);

  // One oauth2 passdb per protocol, each requiring the protocol's own permission in the token's scopes ("scope =", a
  // space-separated list of scopes of validity): Exchange Online refuses a POP login whose token carries no
  // POP.AccessAsUser.All even if it holds IMAP.AccessAsUser.All (Microsoft, "Authenticate an IMAP, POP or SMTP
  // connection using OAuth"), and so does this stand-in.
  const OAUTH2_SCOPE = { imap: 'IMAP.AccessAsUser.All', pop3: 'POP.AccessAsUser.All', submission: 'SMTP.Send' };
  for (const [protocol, scope] of Object.entries(OAUTH2_SCOPE))
    await writeFile(
      join(dir, `oauth2-${protocol}.conf.ext`),
      [
        `introspection_mode = post`,
        `introspection_url = ${em.introspectionUrl}`,
        `force_introspection = yes`,
        `username_attribute = upn`,
        `active_attribute = active`,
        `active_value = true`,
        `scope = ${scope}`,
        `tls_ca_cert_file = ${join(dir, 'emulator-ca.pem')}`,
        `timeout_msecs = 10000`,
        '',
      ].join('\n'),
    );

  const conf = `# generated by tests/support/dovecot.ts
instance_name = dovecot-test-${imapsPort}
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${join(dir, 'dovecot.log')}
protocols = imap pop3 submission
listen = 127.0.0.1
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = ${Math.min(mailUid, 100)}
ssl = required
ssl_cert = <${join(dir, 'cert.pem')}
ssl_key = <${join(dir, 'key.pem')}
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = yes
auth_mechanisms = xoauth2
auth_verbose = yes
# Tests fail logins on purpose: no 2 s delay per failure. (The per-IP anvil penalty still applies; clients
# use loopbackSource() so each connection comes from its own 127.x address.)
auth_failure_delay = 0
auth_debug = no
mail_location = maildir:~/Maildir
hostname = localhost
submission_relay_host = 127.0.0.1
submission_relay_port = 9
${Object.keys(OAUTH2_SCOPE)
  .map(
    (protocol) => `protocol ${protocol} {
  passdb {
    driver = oauth2
    mechanisms = xoauth2 oauthbearer
    args = ${join(dir, `oauth2-${protocol}.conf.ext`)}
  }
}`,
  )
  .join('\n')}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mailRoot}/%Lu
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${imapsPort}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = ${pop3sPort}
    ssl = yes
  }
}
service submission-login {
  inet_listener submission {
    address = 127.0.0.1
    port = ${submissionPort}
  }
}
`;
  const confPath = join(dir, 'dovecot.conf');
  await writeFile(confPath, conf);

  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const readLog = async (): Promise<string> => {
    try {
      return `${output}${await readFile(join(dir, 'dovecot.log'), 'utf8')}`;
    } catch {
      return output;
    }
  };
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(t);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  try {
    await Promise.race([
      (async () => {
        await waitForGreeting(imapsPort, '* OK', em.caPem, deadline);
        await waitForGreeting(pop3sPort, '+OK', em.caPem, deadline);
        await waitForPlainPort(submissionPort, deadline);
      })(),
      exitPromise.then(async () => {
        throw new Error(`Dovecot exited during start-up: ${(await readLog()).trim().slice(-2000)}`);
      }),
    ]);
  } catch (err) {
    const log = await readLog();
    await stop();
    throw new Error(`${(err as Error).message}\n${log.slice(-2000)}`, { cause: err });
  }
  return { host: '127.0.0.1', imapsPort, pop3sPort, submissionPort, caPem: em.caPem, dir, readLog, stop };
}
