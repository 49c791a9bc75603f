import { defineConfig } from 'vitest/config';

// The PostgreSQL half of the suite needs a real server: the global set-up provides one.
export default defineConfig({ test: { globalSetup: ['test/postgres-setup.ts'], testTimeout: 30_000, hookTimeout: 60_000 } });
