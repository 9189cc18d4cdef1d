// Every place the main process builds or checks a file path, under Windows path rules (path.win32), so a
// Windows user's folders are right without a Windows machine: the profiles file in %APPDATA%, the atomic
// export's temp file beside the chosen file (drive and UNC paths alike), the log folder, the CA file an admin
// pastes (quoted by Explorer's "Copy as path"), and the renderer's assets, which must stay below their folder
// on either platform's rules.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RENDERER_ORIGIN, resolveRendererAsset } from '../../../electron/security-policy';
import { logFolder } from '../../../electron/services/app/log';
import { caFilePath } from '../../../electron/services/authorize/authorize-service';
import { tempPathFor } from '../../../electron/services/handover/atomic-write';
import { corruptCopyPath, profilesFilePath } from '../../../electron/services/profiles/profile-store';

const APPDATA = 'C:\\Users\\Adele Vance\\AppData\\Roaming\\Mailbox Auth Helper';

describe('profiles file', () => {
  it('lives in the app data folder, by Windows and POSIX rules', () => {
    expect(profilesFilePath(APPDATA, path.win32)).toBe(`${APPDATA}\\profiles.json`);
    expect(profilesFilePath(`${APPDATA}\\`, path.win32)).toBe(`${APPDATA}\\profiles.json`);
    expect(profilesFilePath('/Users/adele/Library/Application Support/Mailbox Auth Helper', path.posix)).toBe(
      '/Users/adele/Library/Application Support/Mailbox Auth Helper/profiles.json',
    );
  });

  it('is moved aside under a name Windows accepts (no ":"), beside the original', () => {
    const file = profilesFilePath(APPDATA, path.win32);
    const moved = corruptCopyPath(file, new Date('2026-03-04T05:06:07.089Z'));
    expect(moved).toBe(`${APPDATA}\\profiles.json.corrupt-2026-03-04T05-06-07-089Z`);
    expect(path.win32.basename(moved)).not.toMatch(/[<>:"/\\|?*]/);
    expect(path.win32.dirname(moved)).toBe(APPDATA);
  });
});

describe('atomic export', () => {
  const cases: [string, string][] = [
    ['C:\\Users\\Adele\\Documents\\servicenow-mailbox.env', 'C:\\Users\\Adele\\Documents'],
    ['C:/Users/Adele/Desktop/jira-mailbox.json', 'C:\\Users\\Adele\\Desktop'],
    ['\\\\fileserver\\it$\\handover\\generic-mailbox.env', '\\\\fileserver\\it$\\handover\\'],
    ['D:\\report.md', 'D:\\'],
  ];
  it.each(cases)('writes the temp file for %s in the same folder (a rename is atomic only there)', (target, dir) => {
    const temp = tempPathFor(target, 'a1b2c3', path.win32);
    const folder = (p: string): string => path.win32.normalize(path.win32.dirname(p)).replace(/\\$/, '');
    expect(folder(temp)).toBe(folder(target));
    expect(folder(temp)).toBe(dir.replace(/\\$/, ''));
    expect(path.win32.basename(temp)).toBe(`.${path.win32.basename(target)}.a1b2c3.tmp`);
  });

  it('by POSIX rules too', () => {
    expect(tempPathFor('/home/adele/servicenow-mailbox.env', 'ff', path.posix)).toBe(
      '/home/adele/.servicenow-mailbox.env.ff.tmp',
    );
  });
});

describe('log folder', () => {
  it('is the folder of main.log (app.getPath("logs") joined with main.log by main.ts)', () => {
    const file = path.win32.join(`${APPDATA}\\logs`, 'main.log');
    expect(logFolder(file, path.win32)).toBe(`${APPDATA}\\logs`);
    expect(logFolder('/Users/adele/Library/Logs/Mailbox Auth Helper/main.log', path.posix)).toBe(
      '/Users/adele/Library/Logs/Mailbox Auth Helper',
    );
  });
});

describe('CA file as typed or pasted', () => {
  const home = (): string => 'C:\\Users\\Adele';
  it.each([
    ['C:\\certs\\contoso-root.pem', 'C:\\certs\\contoso-root.pem'],
    ['"C:\\Users\\Adele\\Downloads\\emulator-ca.pem"', 'C:\\Users\\Adele\\Downloads\\emulator-ca.pem'],
    ['  \\\\pki\\share\\root.pem  ', '\\\\pki\\share\\root.pem'],
    ['C:/certs/root.pem', 'C:/certs/root.pem'],
    ['~\\certs\\root.pem', 'C:\\Users\\Adele\\certs\\root.pem'],
  ])('accepts %s on Windows', (input, expected) => {
    expect(caFilePath(input, path.win32, home)).toBe(expected);
  });

  it.each(['root.pem', '.\\certs\\root.pem', 'C:root.pem', '""', ''])(
    'refuses the relative path %j on Windows (it would resolve against the app’s working folder)',
    (input) => {
      expect(caFilePath(input, path.win32, home)).toBeUndefined();
    },
  );

  it('on macOS and Linux: absolute and ~/ paths, not a Windows drive path', () => {
    const posixHome = (): string => '/Users/adele';
    expect(caFilePath('/etc/ssl/contoso.pem', path.posix, posixHome)).toBe('/etc/ssl/contoso.pem');
    expect(caFilePath('~/Downloads/ca.pem', path.posix, posixHome)).toBe('/Users/adele/Downloads/ca.pem');
    expect(caFilePath("'/tmp/ca.pem'", path.posix, posixHome)).toBeUndefined();
    expect(caFilePath('C:\\certs\\root.pem', path.posix, posixHome)).toBeUndefined();
  });
});

describe('renderer assets under a Windows install folder', () => {
  const WIN_ROOT = 'C:\\Program Files\\Mailbox Auth Helper\\resources\\app.asar\\out\\renderer';
  const POSIX_ROOT = '/Applications/Mailbox Auth Helper.app/Contents/Resources/app.asar/out/renderer';
  const inside = (rules: path.PlatformPath, root: string, rel: string): boolean => {
    const full = rules.join(root, rel);
    const back = rules.relative(root, full);
    const escapes = back === '..' || back.startsWith(`..${rules.sep}`);
    return back !== '' && !escapes && !rules.isAbsolute(back) && !back.includes(':');
  };

  it('maps a hashed asset below the folder', () => {
    const asset = resolveRendererAsset(`${RENDERER_ORIGIN}/assets/index-D4f9.js`);
    expect(asset?.relativePath).toBe('assets/index-D4f9.js');
    expect(path.win32.join(WIN_ROOT, asset?.relativePath ?? '')).toBe(`${WIN_ROOT}\\assets\\index-D4f9.js`);
  });

  it.each([
    '/C:/Windows/win.ini',
    '/C:/Windows/System32/drivers/etc/hosts.txt',
    '/index.html:secret.js',
    '/CON.js',
    '/assets/nul.css',
    '/assets/com1.json',
    '/%2e%2e%5c%2e%2e%5cwin.js',
    '/..%5C..%5Cwin.js',
  ])('refuses %s (a drive, a data stream, a device or a backslash walk)', (p) => {
    expect(resolveRendererAsset(`${RENDERER_ORIGIN}${p}`)).toBeUndefined();
  });

  it('never resolves outside the folder, by Windows or POSIX rules (property)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._:%\\~$-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('.js', '.css', '.html', '.png'),
        (segs, ext) => {
          const asset = resolveRendererAsset(`${RENDERER_ORIGIN}/${segs.join('/')}${ext}`);
          if (asset === undefined) return true;
          return inside(path.win32, WIN_ROOT, asset.relativePath) && inside(path.posix, POSIX_ROOT, asset.relativePath);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
