// Owns the human-readable summary of a running emulator (used by `npm run emulator` and `npm run demo`).
import type { Emulator } from './index';

/** What a person needs to point a client at the emulator: URLs, CA, accounts with demo passwords, apps. */
export function describeEmulator(em: Emulator): string {
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
    `  Graph directory     ${em.baseUrl}/v1.0/applications?$filter=appId eq '…'   (audits; Application.Read.All …)`,
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
      lines.push(
        `    Secret ${expired ? '(EXPIRED)' : 'value    '} ${s.value}   Secret ID ${s.id}   expires ${s.expires.slice(0, 10)}`,
      );
    }
    lines.push(`    Redirect URIs   ${a.redirectUris.join('  ')}`);
    const perm = (p: { scope?: string; role?: string; resource: string; adminConsent: boolean }): string =>
      `${p.resource.replace('https://', '')}/${p.scope ?? p.role ?? ''}${p.adminConsent ? '' : ' (no consent)'}`;
    lines.push(`    Delegated       ${a.delegated.map(perm).join(', ') || '(none)'}`);
    lines.push(`    Application     ${a.application.map(perm).join(', ') || '(none)'}`);
  }
  lines.push(
    '',
    'Faults: header x-emulator-fault or query emulator_fault, e.g. "latency=800", "status=503", "drop", "malformed", "slow=2000".',
  );
  return lines.join('\n');
}
