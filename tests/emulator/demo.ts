// `npm run demo`: the Entra emulator plus the app configured for the demo tenant, so a newcomer can try every
// feature without a Microsoft tenant. Demo profiles (ServiceNow, ServiceOps, Jira, generic script) are saved
// with their secrets, cloud "Custom authority" pointing at the emulator. With an Electron binary the desktop
// app starts; without one (as on CI and this build machine) the app runs through the test harness in a
// visible Chromium window instead.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryClipboard } from '../../electron/services/handover/clipboard';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { fixedPathDialog } from '../../electron/services/handover/save-dialog';
import { AesGcmVault } from '../../electron/services/profiles/vault';
import { findElectronBinary } from '../../build/electron-binary';
import type { PresetId } from '../../shared/presets';
import { startEmulatedApp } from '../harness/emulated-app';
import { REPO_ROOT } from '../harness/index';
import { fullPageScreenshot, screenshotPath } from '../harness/screenshot';
import { describeEmulator } from './describe';
import { startEmulator, type Emulator } from './index';

const DEMO_APPS: readonly {
  key: 'servicenow' | 'serviceops' | 'jira' | 'generic';
  presetId: PresetId;
  name: string;
  scopes: string[];
}[] = [
  {
    key: 'servicenow',
    presetId: 'servicenow',
    name: 'Demo — ServiceNow (emulated tenant)',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ],
  },
  {
    key: 'serviceops',
    presetId: 'motadata-serviceops',
    name: 'Demo — Motadata ServiceOps (emulated tenant)',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ],
  },
  {
    key: 'jira',
    presetId: 'jira-data-center',
    name: 'Demo — Jira Data Center (emulated tenant)',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ],
  },
  {
    key: 'generic',
    presetId: 'generic',
    name: 'Demo — Generic mail script (emulated tenant)',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/POP.AccessAsUser.All',
      'offline_access',
    ],
  },
];

export async function seedDemoProfiles(profiles: ProfileStore, em: Emulator): Promise<void> {
  for (const d of DEMO_APPS) {
    const app = em.directory.apps[d.key];
    await profiles.save({
      name: d.name,
      config: {
        presetId: d.presetId,
        cloud: 'custom',
        customAuthority: {
          authorityHost: em.host,
          graphHost: em.host,
          outlookResourceHost: em.host,
          caPem: em.caPem,
          caLabel: `${em.caPath} — the emulator’s CA`,
        },
        tenant: 'contoso.test',
        clientId: app.clientId,
        redirectUri: app.redirectUris.find((u) => u.startsWith('https://')) ?? app.redirectUris[0] ?? '',
        scopes: d.scopes,
        signInAccount: 'servicedesk@contoso.test',
        mailbox: 'servicedesk@contoso.test',
      },
      secret: { action: 'value', value: app.secret.value },
    });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const headless = argv.includes('--headless');
  const em = await startEmulator({ port: Number(process.env.MAH_DEMO_PORT ?? 0) });
  process.stdout.write(`${describeEmulator(em)}\n\n`);
  const binary = findElectronBinary();
  if (binary.found && !argv.includes('--harness')) {
    process.stdout.write(
      'Starting the desktop app against the emulator. Pick cloud "Custom authority" with the values above.\n',
    );
    const child = spawn(binary.path, [join(REPO_ROOT, 'out/main/main.cjs')], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: em.caPath },
    });
    child.on('exit', (code) => void em.stop().then(() => process.exit(code ?? 0)));
    return;
  }
  process.stdout.write(
    `No Electron binary can be launched here (${binary.found ? '--harness given' : binary.reason}); running the app through the test harness in ${headless ? 'headless' : 'a visible'} Chromium instead.\n`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'mah-demo-'));
  // One vault for the seeding store and the app's own (built by the services, so Watch runs over the profiles).
  const vault = new AesGcmVault();
  await seedDemoProfiles(new ProfileStore({ dir, vault }), em);
  const app = await startEmulatedApp({
    emulator: em,
    headed: !headless,
    area: 'authorize',
    handover: {
      clipboard: new MemoryClipboard(),
      saveDialog: fixedPathDialog((o) => join(dir, o.defaultName ?? 'export.txt')),
    },
    profiles: { dir, vault },
  });
  process.stdout.write(
    [
      '',
      `The app is open at ${app.harness.url} (window.api bound to the real services).`,
      'Pick a "Demo —" profile on the Authorize page, press "Authorize in a clean session" and sign in as',
      'servicedesk@contoso.test (or as adele@contoso.test to see the red verdict). Audit registration signs in',
      'an admin (adele@contoso.test) to read a demo registration; Watch shows what ends when. Exports go to',
      `${dir}. Press Ctrl-C to stop.`,
      '',
    ].join('\n'),
  );
  const shutdown = (): void => {
    void app
      .close()
      .then(() => em.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (headless && argv.includes('--screenshot')) {
    const given = argv[argv.indexOf('--screenshot') + 1];
    // Relative to where the command was typed (npm run moves to the package root), and the whole page.
    const out = given === undefined ? join(REPO_ROOT, 'artifacts/demo.png') : screenshotPath(given);
    await app.harness.page.waitForTimeout(1500);
    await fullPageScreenshot(app.harness.page, out);
    process.stdout.write(`Screenshot: ${out}\n`);
    shutdown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Demo failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
