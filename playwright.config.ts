// End-to-end tests of the renderer in Debian's Chromium (no browser download), against the real
// city built from the shared data and served by the real host on loopback (see
// test/e2e/globalSetup.ts). WebGL runs in software (SwiftShader): small viewport, ?light=1,
// one worker, generous timeouts.
import { defineConfig } from '@playwright/test';
import { HEADLESS_CHROMIUM_ARGS } from './test/support/chromiumArgs.js';

const chromiumPath = process.env.VSEOUL_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './test/e2e/globalSetup.ts',
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 90_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 800, height: 600 },
    deviceScaleFactor: 1,
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: HEADLESS_CHROMIUM_ARGS,
    },
  },
});
