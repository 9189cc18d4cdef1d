// Bundles the sandboxed preload to out/preload/preload.cjs (a sandboxed preload must be one CommonJS file
// that requires only 'electron').
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: 'electron/preload.ts',
    outDir: 'out/preload',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
  ssr: { noExternal: true, target: 'webworker' },
});
