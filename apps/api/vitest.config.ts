import { defineConfig } from 'vitest/config';

// Tests read workspace packages from their TypeScript source, never from a stale build
// (the rest are Vite's default server conditions).
const conditions = ['@gatehouse/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
