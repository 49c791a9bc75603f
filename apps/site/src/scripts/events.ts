// What readers do, sent to the event collector (DESIGN.md contract 7): events queue in memory, go out in batches
// with `fetch(…, { keepalive: true })`, and with `sendBeacon` when the page is hidden or closed. A batch the
// collector could not take (offline, 429, 503) waits in localStorage and is sent again on a later page; event ids
// make that retry harmless. Nothing here may ever break the page: every failure is swallowed.
import type { SiteEventInput } from '@nimbus/events/schema';

/** An event as a page records it: the id, site, locale and time are added here. */
export type PageEvent = SiteEventInput extends infer E ? (E extends SiteEventInput ? Omit<E, 'id' | 'site' | 'locale' | 'at'> : never) : never;

const OUTBOX_KEY = 'kb-events-outbox';
const MAX_BATCH = 50;
const MAX_OUTBOX = 200;
const FLUSH_DELAY_MS = 2000;

let queue: SiteEventInput[] = [];
let timer: number | undefined;
let wired = false;

/** The collector's intake URL, from `<meta name="kb-events">`; empty when this build sends no events. */
function endpoint(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="kb-events"]')?.content ?? '';
}

/** A random event id (UUID where the browser has one). */
export function newEventId(): string {
  try {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  } catch {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }
}

function readOutbox(): SiteEventInput[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SiteEventInput[]) : [];
  } catch {
    return [];
  }
}

function writeOutbox(events: SiteEventInput[]): void {
  try {
    if (events.length === 0) localStorage.removeItem(OUTBOX_KEY);
    else localStorage.setItem(OUTBOX_KEY, JSON.stringify(events.slice(-MAX_OUTBOX)));
  } catch {
    // Storage full or disabled: these events are lost, the page is not.
  }
}

/** Keeps events for a later page when the collector could not take them now. */
function keepForLater(events: SiteEventInput[]): void {
  const known = new Set(events.map((event) => event.id));
  writeOutbox([...readOutbox().filter((event) => !known.has(event.id)), ...events]);
}

// text/plain keeps the request CORS-simple: no preflight, and sendBeacon accepts it cross-origin.
const body = (events: SiteEventInput[]) => new Blob([JSON.stringify({ events })], { type: 'text/plain' });

async function post(url: string, events: SiteEventInput[]): Promise<void> {
  try {
    const response = await fetch(url, { method: 'POST', body: body(events), keepalive: true, credentials: 'omit', mode: 'cors' });
    // 4xx other than 429 will never succeed: drop them rather than retry forever.
    if (response.status === 429 || response.status >= 500) keepForLater(events);
  } catch {
    keepForLater(events);
  }
}

/** Sends what is queued now (in batches of at most 50). */
export function flushEvents(useBeacon = false): void {
  window.clearTimeout(timer);
  timer = undefined;
  const url = endpoint();
  if (!url || queue.length === 0) return;
  const pending = queue;
  queue = [];
  for (let start = 0; start < pending.length; start += MAX_BATCH) {
    const batch = pending.slice(start, start + MAX_BATCH);
    let sent = false;
    try {
      sent = useBeacon && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, body(batch));
    } catch {
      sent = false;
    }
    if (!sent) void post(url, batch);
  }
}

function wire(): void {
  if (wired) return;
  wired = true;
  const hidden = () => flushEvents(true);
  addEventListener('pagehide', hidden);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hidden();
  });
  // Events a previous page could not deliver go out again, a little after this page has settled.
  // They stay in the outbox until then, so a page closed sooner loses nothing.
  if (readOutbox().length > 0) {
    window.setTimeout(() => {
      const earlier = readOutbox();
      writeOutbox([]);
      queue.push(...earlier);
      flushEvents();
    }, FLUSH_DELAY_MS);
  }
}

// Any page that loads this module resumes what earlier pages could not deliver, even before it records anything.
try {
  if (endpoint()) wire();
} catch {
  // Never let measurement break the page.
}

/**
 * Records an event; returns its id (a click refers to its search by that id). Does nothing but return an id when
 * the build has no collector.
 */
export function trackEvent(event: PageEvent, options: { now?: boolean } = {}): string {
  const id = newEventId();
  try {
    if (!endpoint()) return id;
    wire();
    const root = document.documentElement;
    queue.push({ ...event, id, site: root.dataset.audience === 'internal' ? 'internal' : 'public', locale: root.lang === 'zh-TW' ? 'zh-TW' : 'en', at: new Date().toISOString() } as SiteEventInput);
    if (options.now || queue.length >= MAX_BATCH) flushEvents();
    else timer ??= window.setTimeout(() => flushEvents(), FLUSH_DELAY_MS);
  } catch {
    // Never let measurement break the page.
  }
  return id;
}
