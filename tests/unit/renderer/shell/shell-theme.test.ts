// The shell paints from base.css before Fluent's runtime loads (issue 22), with the theme's values copied into
// custom properties under Fluent's token names. These copies must be Fluent's: every var() the stylesheet reads has
// a value in both schemes, and that value is the installed webLightTheme's / webDarkTheme's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../support/repo-root';

const css = readFileSync(join(REPO_ROOT, 'renderer/src/base.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The custom properties a rule with exactly this selector declares. */
function declared(selector: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if ((m[1] ?? '').trim() !== selector) continue;
    for (const d of (m[2] ?? '').matchAll(/--([A-Za-z0-9]+)\s*:\s*([^;]+);/g)) out.set(d[1] ?? '', d[2] ?? '');
  }
  return out;
}

/** Formatting aside (Prettier's spaces, line breaks and quotes): the same value. */
const normal = (v: string): string => v.replace(/\s+/g, '').replace(/"/g, "'");

const used = [...new Set([...css.matchAll(/var\(--([A-Za-z0-9]+)\)/g)].map((m) => m[1] ?? ''))];

describe('the shell stylesheet’s theme values', () => {
  it('reads Fluent tokens only, and enough of them to be worth checking', () => {
    expect(used.length).toBeGreaterThan(20);
    for (const name of used) expect(Object.keys(webLightTheme), name).toContain(name);
  });

  for (const [scheme, theme] of [
    ['light', webLightTheme],
    ['dark', webDarkTheme],
  ] as const satisfies readonly (readonly [string, Theme])[]) {
    it(`every var() has the installed ${scheme} theme's value`, () => {
      const shared = declared('.mah-shell');
      const own = declared(`.mah-shell.mah-${scheme}`);
      const wrong: string[] = [];
      for (const name of used) {
        const value = own.get(name) ?? shared.get(name);
        const expected = String(theme[name as keyof Theme]);
        if (value === undefined || normal(value) !== normal(expected))
          wrong.push(`--${name}: ${value ?? '(none)'} (Fluent: ${expected})`);
      }
      expect(wrong, 'copy the values from the installed theme into renderer/src/base.css').toEqual([]);
    });
  }

  it('a value shared by both schemes is the same in both themes, and nothing is declared that is not read', () => {
    for (const [name] of declared('.mah-shell'))
      expect(String(webLightTheme[name as keyof Theme]), name).toBe(String(webDarkTheme[name as keyof Theme]));
    for (const selector of ['.mah-shell', '.mah-shell.mah-light', '.mah-shell.mah-dark'])
      for (const [name] of declared(selector)) expect(used, `${selector} --${name}`).toContain(name);
  });
});
