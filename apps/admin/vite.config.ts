import { fileURLToPath, URL } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

// The API runs beside the dev server; the SPA always talks to it same-origin.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // Read @gatehouse/shared from its TypeScript source so the SPA never waits on (or uses a stale) build.
    conditions: ['@gatehouse/source', ...defaultClientConditions],
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  // zod and the PrimeVue core make up most of the entry chunk; pages are split per route.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
});
