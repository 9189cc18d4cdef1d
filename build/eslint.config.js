// ESLint flat config. Besides the usual TypeScript rules it enforces the rooms of the architecture:
//   shared/   pure: no Node, Electron or DOM
//   renderer/ never imports electron/ or Node
//   electron/ only main.ts, window.ts, preload.ts, ipc.ts and platform/* may import 'electron' (types are fine)
//   ipcRenderer only in the preload, ipcMain only in ipc.ts
//   tests/    never import 'electron' (there is no binary; services are tested through their interfaces)
// and three conventions of the feature layout:
//   shared/ may import only zod, jose and files inside shared/ (a whitelist: rooms/allowed-imports)
//   electron/services and electron/cli never import electron/platform (they get Electron through ports)
//   only renderer/src/api.ts reads window.api; every other renderer file imports `api` from it
// Each rule is proven to fire by a fixture in tests/lint-fixtures (tests/unit/build/lint-rooms.test.ts).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { allowedImports } from './eslint-rules/allowed-imports.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The local rules, as a flat-config plugin: `rooms/allowed-imports`. */
const rooms = { rules: { 'allowed-imports': allowedImports } };

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
  'worker_threads',
  'module',
  'process',
  'zlib',
  'dns',
];
const nodePatterns = [{ group: ['node:*'], message: 'Node APIs are not available here; keep this room pure.' }];
const nodePaths = NODE_BUILTINS.map((name) => ({
  name,
  message: 'Node APIs are not available here; keep this room pure.',
}));
const namedExportsOnly = { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' };
// window.api, window['api'], window[`api`], globalThis.api, self.api, casts of those, const { api } = window.
const GLOBAL_OBJECT = '/^(window|globalThis|self)$/';
const windowApiMessage = 'Only renderer/src/api.ts reads window.api; import { api } from it.';
const windowApiSelectors = [
  `MemberExpression[object.name=${GLOBAL_OBJECT}][computed=false][property.name='api']`,
  `MemberExpression[object.name=${GLOBAL_OBJECT}][computed=true][property.value='api']`,
  `MemberExpression[object.name=${GLOBAL_OBJECT}][computed=true][property.quasis.0.value.cooked='api']`,
  // (window as X).api, (window as unknown as X).api, window!.api, (window satisfies X).api
  `MemberExpression[property.name='api'] > .object:matches(TSAsExpression, TSNonNullExpression, TSSatisfiesExpression) Identifier[name=${GLOBAL_OBJECT}]`,
  `VariableDeclarator[init.name=${GLOBAL_OBJECT}] > ObjectPattern > Property[key.name='api']`,
].map((selector) => ({ selector, message: windowApiMessage }));
const electronPath = {
  name: 'electron',
  message: "Only electron/main.ts, window.ts, preload.ts, ipc.ts and electron/platform/* may import 'electron'.",
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'out/**',
      'dist/**',
      'artifacts/**',
      'bench/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'tests/lint-fixtures/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', namedExportsOnly],
    },
  },
  // shared/: pure TypeScript.
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    plugins: { rooms },
    rules: {
      // The whitelist; the no-restricted-imports below stays for its specific messages (Node, Electron, UI).
      'rooms/allowed-imports': ['error', { allow: ['zod', 'jose'], within: 'shared', root: REPO_ROOT }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodePaths,
            electronPath,
            { name: 'react', message: 'shared/ has no UI code.' },
            { name: 'react-dom', message: 'shared/ has no DOM code.' },
          ],
          patterns: [
            ...nodePatterns,
            {
              group: ['electron/*', '**/electron/**', '**/renderer/**', '@fluentui/*'],
              message: 'shared/ may not depend on electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'process',
          'Buffer',
          'require',
          '__dirname',
          'fetch',
          'XMLHttpRequest',
        ].map((name) => ({ name, message: `shared/ is pure: no ${name}.` })),
      ],
    },
  },
  // renderer/: browser code, no Node, no Electron, no main-process code.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodePaths,
            { name: 'electron', message: 'The renderer talks to main only through window.api (renderer/src/api.ts).' },
          ],
          patterns: [
            ...nodePatterns,
            {
              group: ['electron/*', '**/electron/**'],
              message: 'The renderer never imports main-process code; call window.api.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'require', message: 'No Node in the renderer.' },
        { name: 'process', message: 'No Node in the renderer.' },
      ],
    },
  },
  // Only renderer/src/api.ts touches window.api: one typed door, so a feature cannot bypass it.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api.ts'],
    rules: { 'no-restricted-syntax': ['error', namedExportsOnly, ...windowApiSelectors] },
  },
  // electron/: Node; 'electron' only in the adapters.
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ ...electronPath, allowTypeImports: true }],
          patterns: [{ group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' }],
        },
      ],
    },
  },
  // electron/services and electron/cli are plain Node: Electron reaches them only through the ports that
  // electron/main.ts fills with electron/platform/* implementations, never by import (types included).
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ ...electronPath, allowTypeImports: true }],
          patterns: [
            { group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' },
            {
              group: ['**/platform', '**/platform/**'],
              message:
                'electron/services and electron/cli never import electron/platform: take the port as a dependency.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/window.ts', 'electron/ipc.ts', 'electron/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer', 'contextBridge'],
              message: 'ipcRenderer and contextBridge belong in electron/preload.ts only.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/window.ts', 'electron/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer', 'contextBridge', 'ipcMain'],
              message: 'ipcMain belongs in electron/ipc.ts; ipcRenderer and contextBridge in electron/preload.ts.',
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main-process code never imports the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['electron/preload.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodePaths,
            {
              name: 'electron',
              importNames: ['ipcMain', 'app', 'BrowserWindow', 'session', 'shell'],
              message: 'The preload only uses contextBridge and ipcRenderer.',
            },
          ],
          patterns: nodePatterns,
        },
      ],
    },
  },
  // tests/ and build/: Node; never Electron itself.
  {
    files: ['tests/**/*.ts', 'build/**/*.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Tests never load Electron; real-Electron specs use Playwright’s _electron from tests/electron/.',
            },
          ],
        },
      ],
    },
  },
  // Tool configs must default-export.
  { files: ['build/**/*.{ts,js}'], rules: { 'no-restricted-syntax': 'off' } },
);
