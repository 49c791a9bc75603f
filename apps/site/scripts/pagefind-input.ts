// What Pagefind reads of a page: once any page marks its indexed part with data-pagefind-body, Pagefind indexes only
// those elements (their text, meta, filters, weights, anchors) and the page's language. Handing it just that part
// saves it parsing every header, navigation and footer (about 40 % of its time on this site) and yields the same
// index. A page with anything Pagefind could read outside its body elements is handed over whole.

/** The opening `<html …>` tag (its `lang` picks the index) and the page's `<title>`. */
const HTML_OPEN = /<html\b[^>]*>/i;
const TITLE = /<title>[\s\S]*?<\/title>/i;
const BODY_OPEN = /<([a-z][a-z0-9-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>/gi;
/** What Pagefind may read from anywhere in a page (its attributes, the default title and image). */
const READABLE = /data-pagefind-|<h1\b|<img\b/gi;
/** Raw text and comments, inside which a tag is not a tag: the matching below does not take them. */
const RAW = /<script\b|<style\b|<textarea\b|<template\b|<!--|<!\[CDATA\[/i;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** The end of the element whose opening tag ends at `from`: after its matching closing tag; -1 when unbalanced. */
function elementEnd(html: string, tag: string, from: number): number {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return -1;
}

/**
 * The part of `html` Pagefind indexes, as a small page of its own; `html` itself when the page has no body element
 * or anything Pagefind could read outside it (see {@link READABLE}).
 */
export function pagefindInput(html: string): string {
  const open = HTML_OPEN.exec(html)?.[0];
  if (!open) return html;
  const parts: string[] = [];
  let lastEnd = 0;
  for (const match of html.matchAll(BODY_OPEN)) {
    const start = match.index;
    // A body element inside one already taken is part of it.
    if (parts.length > 0 && start < lastEnd) continue;
    const end = elementEnd(html, match[1]!, start + match[0].length);
    if (end === -1) return html;
    parts.push(html.slice(start, end));
    lastEnd = end;
  }
  if (parts.length === 0) return html;
  const kept = parts.join('');
  if (RAW.test(kept) || count(kept, READABLE) !== count(html, READABLE)) return html;
  return `<!doctype html>${open}<head>${TITLE.exec(html)?.[0] ?? ''}</head><body>${kept}</body></html>`;
}
