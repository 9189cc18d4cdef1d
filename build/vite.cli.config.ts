// Bundles the Node CLI (electron/cli/cli.ts) to out/cli/cli.mjs, the package's `bin`.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: 'electron/cli/cli.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      // The CLI never loads Electron: bundling fails loudly if anything pulls it in.
      external: [/^node:/, ...builtinModules],
      output: { format: 'es', entryFileNames: 'cli.mjs', banner: '#!/usr/bin/env node' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
