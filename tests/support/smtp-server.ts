// A real SMTP submission server on loopback for the probe tests, built on the `smtp-server` package:
// STARTTLS with a certificate the test supplies (issued by the emulator CA), AUTH XOAUTH2 only, each token
// checked against the emulator's POST /introspect (active, and its upn must equal user=), refusals worded
// like Exchange Online. Modes: 'ok' (validate), 'smtp-auth-disabled' (535 5.7.139 whatever the token).
// Accepts no mail: MAIL FROM is refused, so a probe bug could never deliver anything. startSmtpForEmulator is the
// usual set-up: a certificate from the emulator's CA for localhost and 127.0.0.1, tokens checked at its /introspect.
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { Emulator } from '../emulator/index';

export type SmtpTestMode = 'ok' | 'smtp-auth-disabled';

export interface SmtpTestServerOptions {
  /** PEM certificate + key for STARTTLS (e.g. emulator.issueCertificate()). */
  readonly cert: string;
  readonly key: string;
  /** The emulator's introspection URL and the CA to trust when calling it. */
  readonly introspectionUrl: string;
  readonly introspectionCa: string;
  readonly mode?: SmtpTestMode;
}

export interface SmtpTestServer {
  readonly port: number;
  /** What each AUTH attempt was decided as, for assertions (never the token). */
  readonly authLog: { user: string; accepted: boolean; reason: string }[];
  setMode(mode: SmtpTestMode): void;
  stop(): Promise<void>;
}

interface Introspection {
  active?: boolean;
  upn?: string;
  username?: string;
}

function introspect(url: string, ca: string, token: string): Promise<Introspection> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ token }).toString();
    const req = httpsRequest(
      url,
      {
        method: 'POST',
        ca,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Introspection);
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const refusal = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });

export async function startSmtpTestServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  let mode: SmtpTestMode = options.mode ?? 'ok';
  const authLog: SmtpTestServer['authLog'] = [];
  const server = new SMTPServer({
    name: 'smtp.contoso.test',
    banner: 'Microsoft ESMTP MAIL Service ready (test double)',
    secure: false,
    cert: options.cert,
    key: options.key,
    // Exchange offers AUTH only after STARTTLS on 587; so does this server.
    allowInsecureAuth: false,
    authMethods: ['XOAUTH2'],
    disabledCommands: [],
    logger: false,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      if (mode === 'smtp-auth-disabled') {
        authLog.push({ user, accepted: false, reason: 'smtp-auth-disabled' });
        callback(
          refusal(
            535,
            '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.',
          ),
        );
        return;
      }
      introspect(options.introspectionUrl, options.introspectionCa, auth.accessToken ?? '').then(
        (r) => {
          const identity = (r.upn ?? r.username ?? '').toLowerCase();
          const accepted = r.active === true && identity === user.toLowerCase();
          authLog.push({
            user,
            accepted,
            reason: r.active !== true ? 'inactive' : accepted ? 'ok' : `identity ${identity}`,
          });
          if (accepted) callback(null, { user });
          else callback(refusal(535, '5.7.3 Authentication unsuccessful [test double]'));
        },
        () => {
          authLog.push({ user, accepted: false, reason: 'introspection unreachable' });
          callback(refusal(454, '4.7.0 Temporary authentication failure'));
        },
      );
    },
    onMailFrom(_address, _session, callback) {
      callback(refusal(550, '5.7.1 This test server never accepts mail'));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return {
    port,
    authLog,
    setMode: (m) => {
      mode = m;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The server for localhost with a certificate from the emulator's CA, checking each token at the emulator. */
export async function startSmtpForEmulator(emulator: Emulator): Promise<SmtpTestServer> {
  const cert = await emulator.issueCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
  return startSmtpTestServer({
    cert: cert.certPem,
    key: cert.keyPem,
    introspectionUrl: emulator.introspectionUrl,
    introspectionCa: emulator.caPem,
  });
}
