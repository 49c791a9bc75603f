import { focusQuery, normalizeQuery } from '@nimbus/content/search-terms';
import { recordResultClick, recordSearch } from './search-events.ts';

// A small custom UI over Pagefind's JS API: the query and filters live in the URL, so results can be shared
// and the language switch keeps them. Pagefind picks the index matching <html lang>.

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] }>;
}

const PAGEFIND_URL = '/pagefind/pagefind.js';

async function loadPagefind(): Promise<PagefindApi> {
  const url = PAGEFIND_URL;
  return (await import(/* @vite-ignore */ url)) as PagefindApi;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Searches the normalised query (exact codes) without words every page has first — each query word costs the
 * customer an index chunk — then the whole normalised query, then the query as typed, until one finds something.
 */
async function runSearch(pagefind: PagefindApi, query: string, filters: Record<string, string>) {
  const normalized = normalizeQuery(query);
  let search = { results: [] } as Awaited<ReturnType<PagefindApi['search']>>;
  for (const attempt of new Set([focusQuery(normalized), normalized, query])) {
    search = await pagefind.search(attempt, { filters });
    if (search.results.length > 0) break;
  }
  return search;
}

/** Results shown at first and per "more": each one loads its fragment (~2 KB), so show what a reader scans. */
const PAGE_SIZE = 8;

/** Wires the search page: reads `?q=&product=&area=`, searches, renders results, keeps the URL in sync. */
export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  if (!root) return;
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const form = root.querySelector<HTMLFormElement>('form[role="search"]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const list = root.querySelector<HTMLOListElement>('[data-search-results]');
  const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const more = root.querySelector<HTMLButtonElement>('[data-more-results]');
  if (!input || !form || !status || !list || !more) return;
  const labels = JSON.parse(root.dataset.resultsLabel ?? '{}') as { one?: string; many?: string };

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of selects) select.value = params.get(select.name) ?? '';

  let pagefindPromise: Promise<PagefindApi> | undefined;
  // No worker: one request less (12 KB); a search over a few thousand pages takes milliseconds on the main thread.
  const pagefind = () => (pagefindPromise ??= loadPagefind().then(async (api) => (await api.options({ excerptLength: 24, noWorker: true }), api)));
  let shown: { id: string; data(): Promise<PagefindResultData> }[] = [];
  let generation = 0;

  const syncUrl = () => {
    const next = new URLSearchParams();
    if (input.value.trim()) next.set('q', input.value.trim());
    for (const select of selects) if (select.value) next.set(select.name, select.value);
    const query = next.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]')) {
      link.search = query;
    }
  };

  const update = async () => {
    const mine = ++generation;
    syncUrl();
    const query = input.value.trim();
    const filters = Object.fromEntries(selects.filter((select) => select.value).map((select) => [select.name, select.value]));
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    const api = await pagefind();
    const search = query ? await runSearch(api, query, filters) : await api.search(null, { filters });
    if (mine !== generation) return;
    shown = search.results;
    await showMore(mine, true);
    if (mine !== generation) return;
    // Announced once the first results are on the page, so the status never describes an empty list.
    const count = search.results.length;
    status.textContent = count === 0 ? (status.dataset.noResults ?? '') : (count === 1 ? labels.one : labels.many?.replace(/\d+/, String(count))) ?? String(count);
    recordSearch(query, count, filters);
  };

  /** Shows the next page of results (the first one in place of the old results); the button stays while results remain. */
  const showMore = async (mine: number, first = false) => {
    const from = first ? 0 : list.children.length;
    const data = await Promise.all(shown.slice(from, from + PAGE_SIZE).map((result) => result.data()));
    if (mine !== generation) return;
    // The old results stay until the new ones are ready: no empty list in between.
    if (first) list.replaceChildren();
    list.insertAdjacentHTML(
      'beforeend',
      data
        .map((result) => {
          const chips = [...(result.filters.product ?? []), ...(result.filters.area ?? [])].map((value) => `<span class="chip">${escapeHtml(value)}</span>`).join(' ');
          // Pagefind's excerpt is already HTML-escaped apart from its <mark> highlights.
          return `<li><a href="${escapeHtml(result.url)}">${escapeHtml(result.meta.title ?? result.url)}</a><p class="excerpt">${result.excerpt}</p><p class="meta">${chips}</p></li>`;
        })
        .join(''),
    );
    more.hidden = list.children.length >= shown.length;
  };
  more.addEventListener('click', () => void showMore(generation));
  list.addEventListener('click', (event) => recordResultClick(event, list));

  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), 200);
  });
  input.addEventListener('focus', () => void pagefind(), { once: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void update();
  });
  for (const select of selects) select.addEventListener('change', () => void update());
  void update();
}
