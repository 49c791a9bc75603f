import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Unit tests spawn the real build script: give them room on a loaded two-core machine.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // Two cores: one browser at a time keeps timings stable.
          fileParallelism: false,
          // Files whose pages are independent (screenshots, axe) open a few at once in their one browser: each page
          // mostly waits for the network to go idle, which the others use. More would only queue for the CPU.
          maxConcurrency: 3,
        },
      },
    ],
  },
});
