// The order in which the build runs its four heavy tasks (each site's chain — Astro, then what follows rendering —
// and each site's search index) in lanes, one per core of a small CI machine, each lane running its tasks one after
// the other. Two lanes and not more: the children are single-threaded, and four at once on two cores took a third
// more CPU time for the same work and finished later (measured at 3,152 articles). A large build has one lane, since
// each of its children holds every article.

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
 * The lanes of a build, of about equal length: cold, each site's chain beside the other's index (the internal
 * chain, the longest, before the public index, which waits for the internal one's tokens); partial (no site cold),
 * where the indexes cost more than the chains (each index is built whole, from cached tokens), both indexes in one
 * lane and both chains in the other; large, one lane.
 */
export function buildLanes(tasks: SiteTasks, kind: 'cold' | 'partial' | 'large'): Task[][] {
  if (kind === 'large') return [[tasks.internalChain, tasks.publicChain, tasks.internalIndex, tasks.publicIndex]];
  if (kind === 'cold') return [[tasks.internalIndex, tasks.publicChain], [tasks.internalChain, tasks.publicIndex]];
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
