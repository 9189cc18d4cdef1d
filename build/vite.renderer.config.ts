// Vite config for the renderer bundle (React + Fluent UI): renderer/ → out/renderer, loaded by Electron
// from app://renderer and by the test harness over http, so every asset URL is relative (base './').
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(({ mode }) => ({
  root: `${repo}renderer`,
  base: './',
  plugins: [react()],
  // No public dir and no dev-server proxying: the renderer talks to nothing but window.api.
  publicDir: false,
  build: {
    outDir: `${repo}out/renderer`,
    emptyOutDir: true,
    target: 'chrome130',
    // Source maps would ship the renderer's source inside the app; keep them for development builds and for the
    // coverage run (build/coverage.ts sets MAH_RENDERER_SOURCEMAP=1 to map Chromium's coverage back to renderer/).
    sourcemap: mode !== 'production' || process.env.MAH_RENDERER_SOURCEMAP === '1',
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 600,
  },
}));
