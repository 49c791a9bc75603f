// Open-loop load on loopback: batches of events at a fixed rate, whatever the server's speed, so a slow server
// shows up as latency and a backlog instead of hiding behind a slower sender. Bounded in time and in requests in
// flight.

/** What one load run measured. */
export interface LoadResult {
  seconds: number;
  sentEvents: number;
  acknowledgedEvents: number;
  /** Events in requests answered with anything but 202 (or not answered). */
  refusedEvents: number;
  statuses: Record<string, number>;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  acknowledgedIds: string[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Sends `eventsPerSecond` events in batches of `batchSize` for `seconds`, then waits for the last answers. */
export async function runLoad(options: { url: string; seconds: number; eventsPerSecond: number; batchSize: number; maxInFlight: number; label: string }): Promise<LoadResult> {
  const { url, seconds, eventsPerSecond, batchSize, maxInFlight } = options;
  const requestsPerSecond = eventsPerSecond / batchSize;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const acknowledgedIds: string[] = [];
  let sentEvents = 0;
  let refusedEvents = 0;
  let inFlight = 0;
  let sequence = 0;
  const pending = new Set<Promise<void>>();
  const send = () => {
    const events = Array.from({ length: batchSize }, (_, i) => {
      const n = sequence++;
      // A realistic mix: mostly searches, then clicks, votes, case-form sessions and flags.
      const kind = n % 10;
      const base = { id: `${options.label}-${n.toString(36).padStart(8, '0')}`, site: 'public', locale: 'en' };
      if (kind < 5) return { ...base, type: 'search', query: `error ${n % 400} while uploading`, results: n % 7, filters: { product: ['object-storage'] } };
      if (kind < 7) return { ...base, type: 'click', search: `${options.label}-${(n - 1).toString(36).padStart(8, '0')}`, target: 'object-storage/upload-access-denied', position: 1 + (n % 5) };
      if (kind < 9) return { ...base, type: 'vote', ballot: base.id, article: 'object-storage/upload-access-denied', vote: n % 3 ? 'yes' : 'no', reason: n % 3 ? undefined : 'Step 2 fails for me' };
      return { ...base, type: 'case-form', session: `${options.label}-s-${n.toString(36).padStart(8, "0")}`, phase: 'end', shown: ['object-storage/upload-access-denied'], submitted: n % 2 === 0 };
    });
    sentEvents += events.length;
    inFlight++;
    const started = performance.now();
    const request = fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ events }) })
      .then(async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 202) acknowledgedIds.push(...events.map((event) => event.id));
        else refusedEvents += events.length;
      })
      .catch(() => {
        statuses.error = (statuses.error ?? 0) + 1;
        refusedEvents += events.length;
      })
      .finally(() => {
        inFlight--;
        pending.delete(request);
      });
    pending.add(request);
  };

  const start = performance.now();
  let sentRequests = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * requestsPerSecond);
    while (sentRequests < due) {
      if (inFlight >= maxInFlight) {
        // The server fell behind by more than the bound: count the batch as refused rather than queue without end.
        statuses.skipped = (statuses.skipped ?? 0) + 1;
        refusedEvents += batchSize;
        sentEvents += batchSize;
      } else send();
      sentRequests++;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    seconds: elapsed,
    sentEvents,
    acknowledgedEvents: acknowledgedIds.length,
    refusedEvents,
    statuses,
    eventsPerSecond: Math.round(acknowledgedIds.length / elapsed),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    acknowledgedIds,
  };
}
