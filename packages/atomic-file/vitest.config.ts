import { defineConfig } from 'vitest/config';

// Tests assert results, not speed (speed is measured in `npm run bench`): a generous timeout keeps a busy CI
// machine from failing a correct test.
export default defineConfig({ test: { testTimeout: 30_000 } });
