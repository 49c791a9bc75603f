import { defineConfig } from 'vitest/config';

// Most tests here spawn `kb` as a real process (some through a pseudo-terminal): allow for a loaded machine.
export default defineConfig({ test: { testTimeout: 60_000 } });
