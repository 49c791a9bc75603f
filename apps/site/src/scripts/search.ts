import { tokens } from '@nimbus/case-index/core';
import { focusQuery, normalizeQuery } from '@nimbus/content/search-terms';
import { escapeHtml, excerptHtml, manifestDocuments, type DocumentFile, type ShardedSearchResult } from '@nimbus/search-index';
import { documentHref, siteSearch } from './site-search-index.ts';
import { recordResultClick, recordSearch } from './search-events.ts';
import { holdsEveryWord, requiredWords } from './search-fallback.ts';
import { searchPage } from './search-query.ts';
import { pagefindLoader, type PagefindResultData } from './pagefind-loader.ts';

// The search page. Ranking is the knowledge base's own (`rank` of @nimbus/case-index, as `kb suggest` and `kb link`),
// over the sharded index: the manifest, then only the shards of the query's words. Pagefind stays for what it does
// that the shards cannot: a query that is one "quoted phrase" (it keeps word positions), listing a product or area
// without a query, and a last try when the shards find nothing (only pages holding every word of the query: search-fallback.ts). The query and filters live in the URL, so results can be shared and
// the language switch keeps them.

const PAGEFIND_OPTIONS = { excerptLength: 24 };
/** Pagefind answers checked for the query's words when it stands in for the shards (each costs one fragment file). */
const FALLBACK_CHECKED = 16;
/** Results shown at first and per "more". */
const PAGE_SIZE = 8;
/** Results ranked per query: what "more" pages through. */
const MAX_RESULTS = 48;
/** Characters of a query read: a pasted log is searched by its first lines (the terms that matter are there). */
const MAX_QUERY_LENGTH = 2000;
/** Pause after the last keystroke before searching. */
const DEBOUNCE_MS = 200;

/** Control characters and bidi overrides are never part of what someone means to search. */
function cleanQuery(raw: string): string {
  return raw
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .trim();
}

/** One result as the page renders it. */
interface Shown {
  href: string;
  title: string;
  excerpt: string;
  chips: string[];
  runbook: boolean;
  english: boolean;
}

/** One page's worth of results, fetched as it is shown. */
type ResultPage = (from: number, count: number) => Promise<Shown[]>;

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
  const suggestion = root.querySelector<HTMLElement>('[data-did-you-mean]');
  const noResultsHelp = root.querySelector<HTMLElement>('[data-no-results-help]');
  if (!input || !form || !status || !list || !more || !suggestion || !noResultsHelp) return;
  const labels = JSON.parse(root.dataset.resultsLabel ?? '{}') as { one?: string; many?: string; runbook?: string; english?: string; didYouMean?: string };
  const pageLocale = document.documentElement.lang === 'zh-TW' ? 'zh-TW' : 'en';

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of selects) select.value = params.get(select.name) ?? '';

  const pagefind = pagefindLoader(PAGEFIND_OPTIONS);
  const engine = siteSearch();
  let total = 0;
  let page: ResultPage = async () => [];

  const syncUrl = () => {
    const next = new URLSearchParams();
    if (input.value.trim()) next.set('q', input.value.trim());
    for (const select of selects) if (select.value) next.set(select.name, select.value);
    const query = next.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-keep-query]')) link.search = query;
  };

  /** The taxonomy id of a select's chosen option (its value is the localized name Pagefind filters by). */
  const chosenId = (name: string) => selects.find((select) => select.name === name)?.selectedOptions[0]?.dataset.id ?? '';
  const nameOf = (name: string, id: string | undefined) => (id ? (selects.find((select) => select.name === name)?.querySelector<HTMLOptionElement>(`option[data-id="${CSS.escape(id)}"]`)?.value ?? id) : '');

  /** Ranks with the shards. On the Chinese page every article counts (one slot per article, shown in Chinese when translated). */
  const shardedPage = async (query: string): Promise<{ count: number; page: ResultPage; found: ShardedSearchResult } | undefined> => {
    const manifest = await engine.manifest();
    const product = chosenId('product');
    const area = chosenId('area');
    const found = await searchPage(engine, query, { pageLocale, product, area, top: MAX_RESULTS });
    if (found.results.length === 0) return { count: 0, page: async () => [], found };
    const docs = manifestDocuments(manifest);
    // Excerpts mark the customer's own words (and corrections); the vocabulary's synonyms only where none is found.
    const all = new Set(found.query.terms.filter((term) => !term.signature).map((term) => term.term));
    const typed = new Set([...tokens(query), ...found.corrections.flatMap((correction) => tokens(correction.to))]);
    const own = new Set([...all].filter((term) => typed.has(term)));
    const excerptOf = (text: string) => {
      const html = excerptHtml(text, own);
      return html.includes('<mark>') || own.size === all.size ? html : excerptHtml(text, all);
    };
    const results = found.results;
    return {
      count: results.length,
      found,
      page: async (from, count) =>
        Promise.all(
          results.slice(from, from + count).map(async (result) => {
            // The Chinese page shows the translation when there is one.
            let doc = result.doc;
            if (pageLocale === 'zh-TW' && docs[doc]!.locale !== 'zh-TW') {
              const group = manifest.groups.find((members) => members.includes(doc));
              doc = group?.find((member) => docs[member]!.locale === 'zh-TW') ?? doc;
            }
            const file: DocumentFile = await engine.document(doc);
            return {
              href: documentHref(file.kind, file.id, file.locale),
              title: file.title,
              excerpt: excerptOf(file.text),
              chips: [nameOf('product', file.product), nameOf('area', file.area)].filter(Boolean),
              runbook: file.kind === 'runbook',
              english: pageLocale === 'zh-TW' && file.kind === 'article' && file.locale !== 'zh-TW',
            };
          }),
        ),
    };
  };

  /**
   * Pagefind: its own excerpts (already escaped apart from its <mark>s) and its filters by localized name. Standing in
   * for the shards (`fallback`), it keeps only pages that hold every meaningful word of the query (search-fallback.ts).
   */
  const pagefindPage = async (query: string | null, fallback = false): Promise<{ count: number; page: ResultPage }> => {
    const filters = Object.fromEntries(selects.filter((select) => select.value).map((select) => [select.name, select.value]));
    const words = fallback && query !== null ? requiredWords(query) : [];
    if (fallback && words.length === 0) return { count: 0, page: async () => [] };
    const api = await pagefind(filters.product);
    let search = await api.search(query, { filters });
    if (query !== null && search.results.length === 0) {
      const normalized = normalizeQuery(query);
      for (const attempt of new Set([focusQuery(normalized), normalized])) {
        search = await api.search(attempt, { filters });
        if (search.results.length > 0) break;
      }
    }
    let results: Array<{ data(): Promise<PagefindResultData> }> = search.results;
    if (fallback) {
      const checked = await Promise.all(results.slice(0, FALLBACK_CHECKED).map((result) => result.data()));
      results = checked.filter((data) => holdsEveryWord(data.content, words)).map((data) => ({ data: async () => data }));
    }
    return {
      count: results.length,
      page: async (from, count) =>
        (await Promise.all(results.slice(from, from + count).map((result) => result.data()))).map((data) => ({
          href: data.url,
          title: data.meta.title ?? data.url,
          excerpt: data.excerpt,
          chips: [...(data.filters.product ?? []), ...(data.filters.area ?? [])],
          runbook: data.url.startsWith('/runbooks/'),
          english: false,
        })),
    };
  };

  const render = (items: Shown[]) =>
    items
      .map((item) => {
        const chips = [
          ...(item.runbook ? [`<span class="chip chip-runbook">${escapeHtml(labels.runbook ?? 'Runbook')}</span>`] : []),
          ...(item.english ? [`<span class="chip" lang="en">${escapeHtml(labels.english ?? 'English')}</span>`] : []),
          ...item.chips.map((value) => `<span class="chip">${escapeHtml(value)}</span>`),
        ].join(' ');
        return `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.title)}</a><p class="excerpt">${item.excerpt}</p><p class="meta">${chips}</p></li>`;
      })
      .join('');

  const showSuggestion = (found: ShardedSearchResult | undefined, query: string) => {
    suggestion.replaceChildren();
    suggestion.hidden = true;
    if (!found || found.corrections.length === 0) return;
    let corrected = query;
    for (const { from, to } of found.corrections) corrected = corrected.replace(from, to);
    const link = Object.assign(document.createElement('a'), { textContent: corrected });
    link.href = `?${new URLSearchParams({ q: corrected })}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      input.value = corrected;
      void update();
    });
    suggestion.append(`${labels.didYouMean ?? 'Did you mean'} `, link, '?');
    suggestion.hidden = false;
  };

  const searchOnce = async () => {
    syncUrl();
    const query = cleanQuery(input.value);
    const filtered = selects.some((select) => select.value);
    if (!query && !filtered) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      suggestion.hidden = true;
      noResultsHelp.hidden = true;
      return;
    }
    // Counted for the browser tests and the benchmark: how many searches a burst of typing costs, and which is done.
    root.dataset.searchCount = String(++searches);
    const started = performance.now();
    let found: ShardedSearchResult | undefined;
    let outcome: { count: number; page: ResultPage };
    let answeredBy = 'pagefind';
    // A query that is one quoted phrase asks for those words in that order: only Pagefind keeps word positions.
    // Quotes inside a longer query are usually a pasted error message, which the shards rank best.
    const phrase = /^"[^"]+"$/.test(query) ? await pagefindPage(query) : undefined;
    if (!query) outcome = await pagefindPage(null);
    else if (phrase && phrase.count > 0) outcome = phrase;
    else {
      const sharded = await shardedPage(query);
      found = sharded?.found;
      if (sharded && sharded.count > 0) answeredBy = 'shards';
      outcome = sharded && sharded.count > 0 ? sharded : await pagefindPage(query, true);
    }
    const items = await outcome.page(0, PAGE_SIZE);
    const arrived = performance.now();
    total = outcome.count;
    page = outcome.page;
    // The old results stay until the new ones are ready: no empty list in between.
    list.innerHTML = render(items);
    more.hidden = list.children.length >= total;
    showSuggestion(found, query);
    noResultsHelp.hidden = total > 0;
    // Announced once the results are on the page, so the status never describes an empty list.
    status.textContent = total === 0 ? (status.dataset.noResults ?? '') : ((total === 1 ? labels.one : labels.many?.replace(/\d+/, String(total))) ?? String(total));
    root.dataset.searchDone = root.dataset.searchCount;
    recordSearch(query, total, Object.fromEntries(selects.filter((select) => select.value).map((select) => [select.name, select.value])));
    root.dataset.searchTiming = JSON.stringify({ totalMs: Math.round(arrived - started), renderMs: Math.round(performance.now() - arrived), ...engine.timings, engine: answeredBy });
  };

  // At most one search in flight: input that arrives meanwhile is searched once the running search is done.
  let running: Promise<void> | undefined;
  let again = false;
  let searches = 0;
  const update = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await searchOnce().catch((error: unknown) => {
            console.error(error);
            list.replaceChildren();
            total = 0;
            noResultsHelp.hidden = false;
            status.textContent = status.dataset.noResults ?? '';
          });
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  more.addEventListener('click', async () => {
    const items = await page(list.children.length, PAGE_SIZE);
    list.insertAdjacentHTML('beforeend', render(items));
    more.hidden = list.children.length >= total;
  });
  list.addEventListener('click', (event) => recordResultClick(event, list));

  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(), DEBOUNCE_MS);
  });
  input.addEventListener('focus', () => void engine.manifest().catch(() => undefined), { once: true });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    void update();
  });
  for (const select of selects) select.addEventListener('change', () => void update());
  void update();
}
