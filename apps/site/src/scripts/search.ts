import { normalizeQuery } from '@nimbus/content/search-terms';

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

/** Searches the normalised query first (exact codes), then the query as typed when that finds nothing. */
async function runSearch(pagefind: PagefindApi, query: string, filters: Record<string, string>) {
  const normalized = normalizeQuery(query);
  const first = await pagefind.search(normalized, { filters });
  if (first.results.length > 0 || normalized === query) return first;
  return pagefind.search(query, { filters });
}

/** Wires the search page: reads `?q=&product=&area=`, searches, renders results, keeps the URL in sync. */
export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  if (!root) return;
  const input = root.querySelector<HTMLInputElement>('input[name="q"]');
  const form = root.querySelector<HTMLFormElement>('form[role="search"]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const list = root.querySelector<HTMLOListElement>('[data-search-results]');
  const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  if (!input || !form || !status || !list) return;
  const labels = JSON.parse(root.dataset.resultsLabel ?? '{}') as { one?: string; many?: string };

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of selects) select.value = params.get(select.name) ?? '';

  let pagefindPromise: Promise<PagefindApi> | undefined;
  const pagefind = () => (pagefindPromise ??= loadPagefind().then(async (api) => (await api.options({ excerptLength: 24 }), api)));
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
      return;
    }
    const api = await pagefind();
    const search = query ? await runSearch(api, query, filters) : await api.search(null, { filters });
    const data = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    if (mine !== generation) return;
    const count = search.results.length;
    status.textContent = count === 0 ? (status.dataset.noResults ?? '') : (count === 1 ? labels.one : labels.many?.replace(/\d+/, String(count))) ?? String(count);
    list.innerHTML = data
      .map((result) => {
        const chips = [...(result.filters.product ?? []), ...(result.filters.area ?? [])].map((value) => `<span class="chip">${escapeHtml(value)}</span>`).join(' ');
        // Pagefind's excerpt is already HTML-escaped apart from its <mark> highlights.
        return `<li><a href="${escapeHtml(result.url)}">${escapeHtml(result.meta.title ?? result.url)}</a><p class="excerpt">${result.excerpt}</p><p class="meta">${chips}</p></li>`;
      })
      .join('');
  };

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
