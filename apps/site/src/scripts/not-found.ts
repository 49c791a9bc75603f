// The 404 page: shows the reader's language (taken from the path) and turns the missing address into a search,
// so `/articles/compute/iis-403-14/` offers "Search for “iis 403 14”" with the box already filled in.

/** The words a path names: its last meaningful segments, without locale, section names or separators. */
export function wordsOfPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape: use the path as it came.
  }
  const skip = new Set(['zh-tw', 'articles', 'products', 'errors', 'search', 'support', 'runbooks', 'reports', 'index.html', 'index']);
  return decoded
    .split('/')
    .filter((segment) => segment && !skip.has(segment.toLowerCase()))
    .slice(-2)
    .join(' ')
    .replace(/\.html?$/i, '')
    .replace(/[-_+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
}

/** Shows one language and fills its search form with the words of the missing path. */
export function initNotFound(): void {
  const locale = location.pathname.toLowerCase().startsWith('/zh-tw/') ? 'zh-TW' : 'en';
  const sections = document.querySelectorAll<HTMLElement>('[data-not-found]');
  for (const section of sections) {
    const mine = section.dataset.notFound === locale;
    section.hidden = !mine;
    if (!mine) continue;
    const words = wordsOfPath(location.pathname);
    if (!words) continue;
    const input = section.querySelector<HTMLInputElement>('input[type="search"]');
    if (input) input.value = words;
    const link = section.querySelector<HTMLAnchorElement>('[data-not-found-search] a');
    if (link) {
      link.href = `${link.pathname}?q=${encodeURIComponent(words)}`;
      link.textContent = (link.dataset.label ?? '{words}').replace('{words}', words);
      link.parentElement!.hidden = false;
    }
  }
}
