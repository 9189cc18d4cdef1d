// Bundles the Node CLI to out/cli/cli.mjs, the package's `bin`: entry electron/cli/bin.ts, one chunk per command
// (loaded on demand, so `inspect` starts without the other commands' code) in out/cli/chunks/.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: 'electron/cli/bin.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      // The CLI never loads Electron: bundling fails loudly if anything pulls it in.
      external: [/^node:/, ...builtinModules],
      output: {
        format: 'es',
        entryFileNames: 'cli.mjs',
        chunkFileNames: 'chunks/[name]-[hash].mjs',
        // Only the entry is run as a program; chunks are imported by it.
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
