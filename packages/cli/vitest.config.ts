import { defineConfig } from 'vitest/config';

// Most tests run `kb` in-process; the kill and pseudo-terminal tests spawn it and wait for moments of a real run,
// which on a loaded machine take longer: allow for that.
export default defineConfig({ test: { testTimeout: 60_000 } });
