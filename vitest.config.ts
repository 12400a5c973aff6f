import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // A write and the page's answer can take seconds while other processes share the 2 cores.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    // Browser and server tests start processes and share 2 cores; run files one after another.
    fileParallelism: false,
    env: { LOG_LEVEL: 'silent', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
