import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The PostgreSQL half of the suite needs a real server: the global set-up provides one.
        test: { name: 'unit', include: ['test/*.test.ts'], globalSetup: ['test/postgres-setup.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        // The whole loop: `npm start` builds and serves the sites and the collector, a browser uses them.
        test: { name: 'e2e', include: ['test/e2e/*.test.ts'], testTimeout: 120_000, hookTimeout: 400_000 },
      },
    ],
  },
});
