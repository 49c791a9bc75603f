import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Unit tests spawn the real build script: give them room on a loaded two-core machine.
          testTimeout: 60_000,
          // Two files at once (Vitest's default on two cores is one): the build-kill file's builds in one worker, the
          // incremental and leak files' builds in the other, each build leaving a core idle part of its time.
          maxWorkers: 2,
          // The kill cases that run at once (build-kill.test.ts): three builds keep two cores busy without queueing.
          maxConcurrency: 3,
        },
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
