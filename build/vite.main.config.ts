// Bundles the main process (electron/main.ts) to out/main/main.cjs. Plain Vite (Rolldown) in library/SSR
// mode rather than electron-vite: there is no Electron binary to drive a dev server here, and three small
// configs are easier to audit than a wrapper. Dependencies are bundled; only Electron and Node built-ins stay external.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeExternals = ['electron', /^electron\//, /^node:/, ...builtinModules];

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: 'electron/main.ts',
    outDir: 'out/main',
    emptyOutDir: true,
    target: 'node22',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      external: nodeExternals,
      output: { format: 'cjs', entryFileNames: 'main.cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
