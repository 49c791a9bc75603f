// The error index filter: hides the errors (and product groups) whose text does not contain what the reader types.
// Matching ignores case and separators, so `403 14`, `403.14` and `40314` all find "HTTP Error 403.14".

/** The form of a text the filter compares: lower case, letters and digits only. */
export function filterKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Wires the filter box of the error index page. */
export function initErrorFilter(): void {
  const root = document.querySelector<HTMLElement>('[data-error-index]');
  const input = root?.querySelector<HTMLInputElement>('[data-error-filter]');
  if (!root || !input) return;
  const items = [...root.querySelectorAll<HTMLElement>('[data-error-item]')].map((item) => ({ item, key: filterKey(item.textContent ?? '') }));
  const groups = [...root.querySelectorAll<HTMLElement>('[data-error-group]')];
  const count = root.querySelector<HTMLElement>('[data-error-count]');
  const empty = root.querySelector<HTMLElement>('[data-error-empty]');
  const search = root.querySelector<HTMLAnchorElement>('[data-error-search]');
  const template = root.dataset.shown ?? '{shown} / {total}';
  const total = new Set(items.map(({ item }) => item.querySelector('code')?.textContent)).size;
  let timer: number | undefined;
  const apply = () => {
    const query = filterKey(input.value);
    for (const { item, key } of items) item.hidden = query !== '' && !key.includes(query);
    for (const group of groups) group.hidden = group.querySelector('[data-error-item]:not([hidden])') === null;
    const shown = new Set(items.filter(({ item }) => !item.hidden).map(({ item }) => item.querySelector('code')?.textContent)).size;
    if (count) count.textContent = template.replace('{shown}', String(shown)).replace('{total}', String(total));
    if (empty) empty.hidden = shown > 0;
    if (search) search.href = `${search.pathname}?q=${encodeURIComponent(input.value.trim())}`;
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 80);
  });
  // A link to `#e-…` must show its error even after the reader filtered.
  window.addEventListener('hashchange', () => {
    if (input.value) {
      input.value = '';
      apply();
    }
  });
  if (input.value) apply();
}
