// Search events, kept out of search.ts so that file only calls two hooks. The search page searches as the reader
// types; only the query the reader settles on is worth recording, so a search is recorded after a pause, or at once
// when a result is clicked or the page is left.
import { flushEvents, trackEvent } from './events.ts';

const SETTLE_MS = 1500;
let pending: { query: string; results: number; filters: Record<string, string[]> } | undefined;
let pendingTimer: number | undefined;
let lastSearchId: string | undefined;
let lastQuery = '';
let wired = false;

function commitPending(): void {
  window.clearTimeout(pendingTimer);
  if (!pending) return;
  lastSearchId = trackEvent({ type: 'search', ...pending });
  lastQuery = pending.query;
  pending = undefined;
}

/** The article id of a result link (`/zh-tw/articles/compute/x/` → `compute/x`), else its path. */
function targetOf(href: string): string {
  const url = new URL(href, location.href);
  const match = /^\/(?:zh-tw\/)?articles\/([a-z0-9-]+\/[a-z0-9-]+)\/?$/.exec(url.pathname);
  return match ? match[1]! : url.pathname.slice(0, 200);
}

/** Hook: the search page shows `results` results for `query`; recorded once the reader stops typing. */
export function recordSearch(query: string, results: number, filters: Record<string, string>): void {
  try {
    const trimmed = query.trim().slice(0, 300);
    if (!trimmed || (trimmed === lastQuery && !pending)) return;
    pending = { query: trimmed, results, filters: Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, [value]])) };
    window.clearTimeout(pendingTimer);
    pendingTimer = window.setTimeout(commitPending, SETTLE_MS);
    if (!wired) {
      wired = true;
      addEventListener('pagehide', () => {
        commitPending();
        flushEvents(true);
      });
    }
  } catch {
    // Measurement never breaks the search.
  }
}

/** Hook: a click anywhere in the results list; records which result (1-based) was opened for which search. */
export function recordResultClick(event: MouseEvent, list: HTMLElement): void {
  try {
    const link = (event.target as Element | null)?.closest?.('a');
    const item = link?.closest('li');
    if (!link || !item || item.parentElement !== list) return;
    commitPending();
    if (!lastSearchId) return;
    const position = [...list.children].indexOf(item) + 1;
    trackEvent({ type: 'click', search: lastSearchId, target: targetOf(link.href), position }, { now: true });
  } catch {
    // Never stop the link from opening.
  }
}
