// build/electron-builder.yml cannot be run here (no Electron binary to package), so it is checked the way
// electron-builder itself would: parsed, validated against app-builder-lib's schema, every referenced file
// present, and the fuses set as the security checklist requires.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/repo-root';

const root = REPO_ROOT;
const config = parse(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  win: { icon: string };
  mac: { icon: string };
  linux: { icon: string; target: string[] };
  extraMetadata: { main: string };
};

describe('electron-builder config', () => {
  it('passes electron-builder’s own schema validation', async () => {
    // Deep import: electron-builder validates with this function before any build; no public re-export exists.
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: 1 }, new DebugLogger(false))).rejects.toThrow();
  });

  it('names the app and targets every platform’s usual installer', () => {
    expect(config.appId).toBe('dev.mailboxauthhelper.app');
    expect(config.productName).toBe('Mailbox Auth Helper');
    expect(config.asar).toBe(true);
    expect(JSON.stringify(config.win)).toContain('nsis');
    expect(JSON.stringify(config.mac)).toContain('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('sets the fuses: no run-as-node, cookie encryption, no NODE_OPTIONS or inspect, asar integrity, asar only', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('every file it references exists (icons; main entry matches the main bundle config)', () => {
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon])
      expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(config.extraMetadata.main).toBe('out/main/main.cjs');
    expect(readFileSync(join(root, 'build/vite.main.config.ts'), 'utf8')).toContain("entryFileNames: 'main.cjs'");
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe(config.extraMetadata.main);
  });
});
