// `diagnose --online` run as a program against the emulator, as an admin whose authority has a private CA runs it
// (the CA through NODE_EXTRA_CA_CERTS, Node's own way): after the offline findings come the online checks, one line
// each with its status and time, then their findings; --json carries the same checks under "online". A wrong client
// secret is an error-level finding from the credentials check, so the run exits 1. A child process (not main() in
// this process: the emulator answering here must not wait on it), counted in coverage through NODE_V8_COVERAGE.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index';
import { REPO_ROOT } from '../../support/repo-root';

const SCOPES = 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access https://outlook.office.com/SMTP.Send';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator();
}, 60_000);
afterAll(async () => {
  await em?.stop();
});

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function diagnoseOnline(extra: readonly string[], secret: string): Promise<Ran> {
  const app = em.directory.apps.servicenow;
  const args = [
    ...['--import', 'tsx', 'electron/cli/bin.ts', 'diagnose', '--preset', 'servicenow', '--protocols', 'imap,smtp'],
    ...['--tenant', 'contoso.test', '--client-id', app.clientId, '--secret-stdin'],
    ...['--redirect-uri', app.redirectUris[0] ?? '', '--scopes', SCOPES],
    ...['--online', '--authority', em.baseUrl, ...extra],
  ];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: em.caPath } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(secret);
  });
}

describe('cli diagnose --online against the emulator', () => {
  it('prints each online check with its status after the offline findings; the tenant is found', async () => {
    const r = await diagnoseOnline([], em.directory.apps.servicenow.secret.value);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Offline checks \(0 findings\):/);
    const online = r.stdout.slice(r.stdout.indexOf('\nOnline checks:\n'));
    for (const line of ['Tenant discovery: ok', 'Client ID and secret: ok', 'Redirect URI registration: ok'])
      expect(online).toMatch(new RegExp(`\\n  ${line} \\(\\d+ ms\\)\\n`));
    expect(online).toContain(`TENANT_FOUND  [tenant]\n        Tenant found: ${em.directory.tenant.id}`);
    expect(r.code).toBe(0);
  }, 120_000);

  it('a wrong client secret: the credentials check fails with its finding, exit 1; --json carries the checks', async () => {
    const r = await diagnoseOnline(['--json'], 'Wrong~secret-value-0000000000000000000000');
    const json = JSON.parse(r.stdout) as {
      online: {
        checks: { id: string; status: string }[];
        findings: { code: string; severity: string; message: string }[];
      };
    };
    expect(json.online.checks.find((c) => c.id === 'tenant')?.status).toBe('ok');
    expect(json.online.checks.find((c) => c.id === 'credentials')?.status).not.toBe('ok');
    const wrong = json.online.findings.find((f) => f.code === 'CLIENT_SECRET_WRONG');
    expect(wrong).toMatchObject({ severity: 'error', field: 'clientSecret' });
    expect(wrong?.message).toContain('AADSTS7000215');
    expect(r.code).toBe(1);
  }, 120_000);
});
