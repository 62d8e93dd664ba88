import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real local servers (emulator, fake Slack/Discord); forks keep native modules isolated.
    pool: 'forks',
  },
});
