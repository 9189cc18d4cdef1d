// Owns `npm run emulator`: starts the Entra ID emulator standalone and prints what a person needs to point a
// client at it (URLs, CA file, SPKI hash, seeded accounts with demo passwords, app registrations), then
// stays up until Ctrl-C.
import { startEmulator } from './index';

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.split('=')[1] : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port needs a number between 0 and 65535, got "${raw ?? ''}"\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write('Usage: npm run emulator -- [--port <n>]\nStarts the local Entra ID emulator (HTTPS on 127.0.0.1) until Ctrl-C.\n');
    return;
  }
  const em = await startEmulator({ port: parsePort(argv) });
  const d = em.directory;
  const lines: string[] = [
    'Entra ID emulator (test tenant, not Microsoft) is running.',
    '',
    `  Base URL            ${em.baseUrl}`,
    `  Authority           ${em.authority()}   (also ${em.authority(d.tenant.id)})`,
    `  Known authority     ${em.host}`,
    `  OpenID config (v2)  ${em.authority()}/v2.0/.well-known/openid-configuration`,
    `  Authorize (v2)      ${em.authority()}/oauth2/v2.0/authorize`,
    `  Token (v2)          ${em.authority()}/oauth2/v2.0/token`,
    `  JWKS                ${em.authority()}/discovery/v2.0/keys`,
    `  Introspection       ${em.introspectionUrl}   (POST token=…, for Dovecot)`,
    `  Graph (tiny)        ${em.baseUrl}/v1.0/me`,
    '',
    `  CA certificate      ${em.caPath}`,
    `  Node                NODE_EXTRA_CA_CERTS=${em.caPath}`,
    `  Chromium            --ignore-certificate-errors-spki-list=${em.spkiHash}`,
    '',
    `Tenant ${d.tenant.domain}  id ${d.tenant.id}   (other tenant: ${d.otherTenant.domain} ${d.otherTenant.id})`,
    '',
    'Accounts (demo passwords):',
  ];
  for (const u of d.all.users) {
    const notes = [
      u.admin ? 'admin' : '',
      u.ssoSession ? 'has the browser SSO session' : '',
      u.sharedMailbox ? 'shared mailbox, cannot sign in' : '',
      !u.enabled && !u.sharedMailbox ? 'disabled' : '',
      u.fullAccessTo.length ? `FullAccess to ${u.fullAccessTo.join(', ')}` : '',
      u.tenant !== d.tenant.domain ? `other tenant (${u.tenant})` : '',
    ].filter(Boolean);
    lines.push(`  ${u.upn.padEnd(32)} ${(u.password ?? '(none)').padEnd(26)} ${notes.join('; ')}`);
  }
  lines.push('', 'App registrations:');
  for (const a of d.all.apps) {
    lines.push(`  ${a.displayName}  [${a.key}]`);
    lines.push(`    Client ID       ${a.clientId}`);
    for (const s of a.secrets) {
      const expired = Date.parse(s.expires) <= Date.now();
      lines.push(`    Secret ${expired ? '(EXPIRED)' : 'value    '} ${s.value}   Secret ID ${s.id}   expires ${s.expires.slice(0, 10)}`);
    }
    lines.push(`    Redirect URIs   ${a.redirectUris.join('  ')}`);
    const perm = (p: { scope?: string; role?: string; resource: string; adminConsent: boolean }): string =>
      `${p.resource.replace('https://', '')}/${p.scope ?? p.role ?? ''}${p.adminConsent ? '' : ' (no consent)'}`;
    lines.push(`    Delegated       ${a.delegated.map(perm).join(', ') || '(none)'}`);
    lines.push(`    Application     ${a.application.map(perm).join(', ') || '(none)'}`);
  }
  lines.push('', 'Faults: header x-emulator-fault or query emulator_fault, e.g. "latency=800", "status=503", "drop", "malformed", "slow=2000".');
  lines.push('Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (): void => {
    em.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`Emulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
