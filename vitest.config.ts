import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; end-to-end tests are Playwright's (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: integration tests build cities and start servers; keep parallelism modest.
    maxWorkers: 2,
    // Node's own EventSource, so the page's live-feed client (renderer/src/feeds/) runs against a real host.
    execArgv: ['--experimental-eventsource'],
  },
});
