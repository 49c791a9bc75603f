import { defineConfig } from 'vitest/config';

// Most tests run `kb` in-process; the kill and pseudo-terminal tests spawn it and wait for moments of a real run,
// which on a loaded machine take longer: allow for that. Two files at once (Vitest's default on two cores is one):
// the spawning files spend much of their time waiting on their children, which the other file uses.
export default defineConfig({ test: { testTimeout: 60_000, maxWorkers: 2 } });
