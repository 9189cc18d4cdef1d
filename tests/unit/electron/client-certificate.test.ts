// Silent client certificates: Electron's select-client-certificate, left alone, presents the OS store's first
// certificate (a device or corporate one) to any site that asks — a sign-in with the desktop's identity in the
// clean session. The exploit is replayed on answerClientCertificate, the function platform/client-certificate.ts
// binds to that event: a site in a clean window asks with the store's certificates and gets none unless the
// admin picks one in the chooser that names the host; the app's own window and main's requests never get one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerClientCertificate,
  MAX_CERTIFICATE_CHOICES,
  type CertificateFacts,
  type CertificateQuestion,
} from '../../../electron/security-policy';
import { REPO_ROOT } from '../../support/repo-root';

const store: CertificateFacts[] = [
  { subjectName: 'DESKTOP-7Q2 (device)', issuerName: 'Contoso Device CA', validExpiry: 2_000_000_000 },
  { subjectName: 'Adele Vance', issuerName: 'Contoso User CA', validExpiry: 2_000_000_000 },
];

/** Fires the event as Electron would and reports what happened: default prevented, the question, the answer. */
async function select(
  role: 'app' | 'auth' | 'none',
  url: string,
  certificates: readonly CertificateFacts[],
  answer: number | Error,
): Promise<{ prevented: boolean; asked: CertificateQuestion[]; sent: CertificateFacts | undefined }> {
  let prevented = false;
  const asked: CertificateQuestion[] = [];
  const sent = await new Promise<CertificateFacts | undefined>((resolve) =>
    answerClientCertificate(
      { preventDefault: () => (prevented = true) },
      role,
      url,
      certificates,
      (c) => resolve(c),
      async (q) => {
        asked.push(q);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    ),
  );
  return { prevented, asked, sent };
}

describe('client certificates in clean sessions', () => {
  it('a site in a clean window asking for one gets none without the admin: Electron’s first-certificate default is prevented', async () => {
    const r = await select('auth', 'https://certauth.login.microsoftonline.com/contoso.com/login', store, 0);
    expect(r.prevented).toBe(true);
    expect(r.sent).toBeUndefined();
    expect(r.asked).toHaveLength(1);
    expect(r.asked[0]?.message).toBe('certauth.login.microsoftonline.com asks for a client certificate.');
    expect(r.asked[0]?.buttons[0]).toBe('Don’t send a certificate');
    expect(r.asked[0]?.buttons.slice(1)).toEqual([
      'DESKTOP-7Q2 (device) — issued by Contoso Device CA',
      'Adele Vance — issued by Contoso User CA',
    ]);
  });

  it('the chooser failing or closing, or an answer out of range, sends none', async () => {
    for (const answer of [new Error('dialog closed'), -1, 3, 1.5, MAX_CERTIFICATE_CHOICES + 1])
      expect((await select('auth', 'https://adfs.contoso.test/', store, answer)).sent, String(answer)).toBeUndefined();
  });

  it('only the certificate the admin picks is sent', async () => {
    expect((await select('auth', 'https://adfs.contoso.test/', store, 2)).sent).toBe(store[1]);
  });

  it('the app’s own window and main-process requests never get one, and nobody is asked', async () => {
    for (const role of ['app', 'none'] as const) {
      const r = await select(role, 'https://login.microsoftonline.com/', store, 1);
      expect(r.prevented).toBe(true);
      expect(r.sent).toBeUndefined();
      expect(r.asked).toHaveLength(0);
    }
  });

  it('at most a few certificates are offered, and a URL without a host gets none', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ ...store[0], subjectName: `cert ${i}` }) as CertificateFacts);
    const r = await select('auth', 'https://adfs.contoso.test/', many, 0);
    expect(r.asked[0]?.buttons).toHaveLength(1 + MAX_CERTIFICATE_CHOICES);
    const noHost = await select('auth', 'data:text/html,x', store, 1);
    expect(noHost.sent).toBeUndefined();
    expect(noHost.asked).toHaveLength(0);
  });

  it('main binds it to every select-client-certificate event', () => {
    const main = readFileSync(join(REPO_ROOT, 'electron/main.ts'), 'utf8');
    expect(main).toMatch(/^\s*guardClientCertificates\(\);/m);
    const platform = readFileSync(join(REPO_ROOT, 'electron/platform/client-certificate.ts'), 'utf8');
    expect(platform).toMatch(/app\.on\('select-client-certificate',[^]*answerClientCertificate\(event/);
  });
});
