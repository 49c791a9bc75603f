// The build's own process needs much memory briefly — planning parses every validated article (0.9 GB at 31,520
// articles), the asset pruning reads every page — and then mostly waits for its children. V8 collects the old
// generation only as the heap grows, so a process that waits keeps that garbage in its RSS for the rest of the build,
// on top of every child's (1.7 GB of the build's peak at 31,520). The build collects once each such step is done.
// Node exposes gc() only behind --expose-gc: set here, at run time, for this process alone (NODE_OPTIONS, which the
// children inherit, is not touched).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full garbage collection of this process, so what the last step left is given back. */
export function collectGarbage(): void {
  gc();
}
