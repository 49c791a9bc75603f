/** A heading of a rendered article body, for the on-page contents. */
export interface OutlineEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const decode = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => entities[entity] ?? entity);

/**
 * The `h2` (and, with `withSubheadings`, `h3`) headings of a body rendered by `renderArticleHtml`, in order. That
 * renderer gives every heading an `id` and emits no raw HTML, so its headings have one known shape.
 */
export function articleOutline(html: string, withSubheadings = false): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  for (const match of html.matchAll(/<h([23]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)) {
    const depth = Number(match[1]) as 2 | 3;
    if (depth === 3 && !withSubheadings) continue;
    entries.push({ id: decode(match[2]!), text: decode(match[3]!.replace(/<[^>]+>/g, '')).trim(), depth });
  }
  return entries;
}

/** Every `href` in a rendered body: to leave out of the aside the links the body already gives. */
export function linkedHrefs(html: string): Set<string> {
  return new Set([...html.matchAll(/<a [^>]*?href="([^"]+)"/g)].map((match) => decode(match[1]!)));
}
