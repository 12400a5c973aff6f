import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Migrated databases for the tests to copy.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    // A write and the page's answer can take seconds while other processes share the 2 cores.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 180_000,
    // Two files at a time: most of a server or browser test is waiting (on a server, a poll, a
    // receiver). One after another the suite took 20 minutes on a 2-core machine, two at a time 15;
    // three starved a load test past its time limit.
    fileParallelism: true,
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
