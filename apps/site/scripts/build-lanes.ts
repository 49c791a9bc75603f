// The order in which the build runs its four heavy tasks (each site's chain — Astro, then what follows rendering —
// and each site's search index) in lanes, one per core of a small CI machine, each lane running its tasks one after
// the other. Two lanes and not more: the children are single-threaded, and four at once on two cores took a third
// more CPU time for the same work and finished later (measured at 3,152 articles).

/** A task of a lane: started when the one before it in its lane has ended. */
export type Task = () => Promise<void>;

/** The four tasks, by what they do. */
export interface SiteTasks {
  internalChain: Task;
  publicChain: Task;
  internalIndex: Task;
  publicIndex: Task;
}

/**
 * How the four tasks share the lanes, by which of them are the longest:
 * - `chain-beside-index`: each site's chain beside the other site's index (the internal chain before the public
 *   index, which in a cold build waits for the internal one's tokens) — when the chains are the longest: a cold
 *   build, or a partial one that indexes each site with Pagefind again whole (one index per site: 11–17 s each);
 * - `indexes-together`: both indexes in one lane, both chains in the other — a partial build whose Pagefind index is
 *   in bundles (the preview profile), where an index built whole from cached tokens costs about what a chain does;
 *   and a large build, where each child holds every article: never two Astro or two search-index processes at once
 *   (at 31,520 articles the largest two, an Astro process beside a search index, peak at about 3.3 GB together).
 */
export type LaneOrder = 'chain-beside-index' | 'indexes-together';

/** The lanes of a build for `order` ({@link LaneOrder}). */
export function buildLanes(tasks: SiteTasks, order: LaneOrder): Task[][] {
  if (order === 'chain-beside-index') return [[tasks.internalIndex, tasks.publicChain], [tasks.internalChain, tasks.publicIndex]];
  return [[tasks.internalIndex, tasks.publicIndex], [tasks.internalChain, tasks.publicChain]];
}

/**
 * Runs the lanes at once. A failed task stops its lane; the other lanes run to their end before the first failure
 * is raised, so no child is left writing into a folder the clean-up removes.
 */
export async function runLanes(lanes: readonly (readonly Task[])[]): Promise<void> {
  const settled = await Promise.allSettled(
    lanes.map(async (tasks) => {
      for (const task of tasks) await task();
    }),
  );
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
