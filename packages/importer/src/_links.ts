// Link targets are decided once every article is known: a relative link to an imported article becomes
// `/articles/<id>/`, an anchor is kept only when the target has that heading, and a published article never links
// to one customers cannot open.

import { posix } from 'node:path';
import { unsafeUrlScheme } from '@nimbus/content';
import type { LinkDecision, LinkSlot } from './_edits.ts';
import type { ReportClass } from './report.ts';

/** What link resolution needs to know about an article of the import. */
export interface LinkTarget {
  id: string;
  /** Source path, relative to the source folder. */
  path: string;
  /** Public URL of the source article, when known. */
  url?: string;
  publishable: boolean;
  /** Heading anchor ids of the converted article, and HTML anchor names mapped to them. */
  anchors: ReadonlyMap<string, string>;
}

/** Every article that will be written, by the ways links can name it. */
export interface LinkIndex {
  /** Lower-cased source path → article (docfx resolves paths case-insensitively). */
  byPath: ReadonlyMap<string, LinkTarget>;
  /** Normalised public URL → article (see {@link normalizeUrl}). */
  byUrl: ReadonlyMap<string, LinkTarget>;
  /** Knowledge-base article number (`support.microsoft.com/kb/<n>`) → article. */
  byKb: ReadonlyMap<string, LinkTarget>;
}

/** A link decision plus what to report about it. */
export interface ResolvedLink {
  decision: LinkDecision;
  /** The imported article linked to, if any. */
  target?: LinkTarget;
  problem?: { class: ReportClass; message: string };
}

const MEDIA = /\.(?:png|jpe?g|gif|svg|webp|bmp|ico|zip|exe|msi|pdf|docx?|xlsx?|pptx?|txt|ps1|cab)$/i;

/** Decides where a link of `from` goes. */
export function resolveLink(slot: LinkSlot, from: LinkTarget, index: LinkIndex): ResolvedLink {
  const url = slot.url.trim();
  if (url === '') return { decision: { kind: 'text' } };
  if (url.startsWith('#')) {
    const anchor = findAnchor(from, url.slice(1));
    if (anchor !== undefined) return { decision: { kind: 'link', url: `#${anchor}` } };
    return { decision: { kind: 'text' }, problem: { class: 'anchor-missing', message: `No heading \`${url}\` in this article, the link became text` } };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme || url.startsWith('//')) {
    // Only what `kb check` accepts (rule link-unsafe) stays a link: DocFX `xref:`, `ftp:`, app and script URLs become text.
    const unsafe = unsafeUrlScheme(url);
    if (unsafe !== undefined) return { decision: { kind: 'text' }, problem: { class: 'link-scheme', message: `\`${unsafe}:\` link became text: the site links only https, http, mailto and relative URLs` } };
    const absolute = url.startsWith('//') ? `https:${url}` : url;
    const target = scheme === 'http' || scheme === 'https' || !scheme ? internalTarget(absolute, index) : undefined;
    if (target && target.id !== from.id && (!from.publishable || target.publishable)) return internal(target, fragmentOf(absolute));
    return { decision: { kind: 'link', url: absolute } };
  }
  if (url.startsWith('/')) {
    if (from.url) return { decision: { kind: 'link', url: new URL(url, from.url).href } };
    return { decision: { kind: 'text' }, problem: { class: 'link-missing', message: `Site-relative link \`${url}\` has no site to point at, it became text (give the source URLs with --manifest or --base-url)` } };
  }

  const hashAt = url.indexOf('#');
  const fragment = hashAt === -1 ? '' : url.slice(hashAt + 1);
  const pathPart = (hashAt === -1 ? url : url.slice(0, hashAt)).replace(/\?.*$/, '');
  let decoded = pathPart;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    // Keep the raw path: a stray `%` is part of the name.
  }
  const resolved = posix.normalize(posix.join(posix.dirname(from.path), decoded));
  const candidates = [resolved, `${resolved}.md`, `${resolved.replace(/\/$/, '')}/index.md`];
  const target = candidates.map((candidate) => index.byPath.get(candidate.toLowerCase())).find(Boolean);
  if (target) {
    if (target.id === from.id) {
      const anchor = fragment ? findAnchor(from, fragment) : undefined;
      if (anchor !== undefined) return { decision: { kind: 'link', url: `#${anchor}` }, target };
      return { decision: { kind: 'text' }, problem: fragment ? { class: 'anchor-missing', message: `No heading \`#${fragment}\` in this article, the link became text` } : undefined };
    }
    if (from.publishable && !target.publishable) {
      if (target.url) {
        return { decision: { kind: 'link', url: target.url + (fragment ? `#${fragment}` : '') }, problem: { class: 'link-unpublished', message: `\`${url}\` is imported as \`${target.id}\`, which is not published; the link points at its public URL` } };
      }
      return { decision: { kind: 'text' }, problem: { class: 'link-unpublished', message: `\`${url}\` is imported as \`${target.id}\`, which is not published; the link became text` } };
    }
    return internal(target, fragment, url);
  }
  if (from.url && !resolved.startsWith('../') && !/(?:^|\/)includes\//.test(resolved)) {
    const publicPath = MEDIA.test(pathPart) ? pathPart : pathPart.replace(/\.md$/i, '');
    const absolute = new URL(publicPath + (fragment ? `#${fragment}` : ''), from.url).href;
    return { decision: { kind: 'link', url: absolute }, problem: { class: 'link-outside', message: `\`${url}\` is not part of the import, the link points at ${absolute}` } };
  }
  return { decision: { kind: 'text' }, problem: { class: 'link-missing', message: `\`${url}\` is not part of the import, the link became text` } };
}

function internal(target: LinkTarget, fragment: string, written?: string): ResolvedLink {
  const base = `/articles/${target.id}/`;
  if (!fragment) return { decision: { kind: 'link', url: base }, target };
  const anchor = findAnchor(target, fragment);
  if (anchor !== undefined) return { decision: { kind: 'link', url: `${base}#${anchor}` }, target };
  return {
    decision: { kind: 'link', url: base },
    target,
    problem: { class: 'anchor-missing', message: `No heading \`#${fragment}\` in \`${target.id}\`${written ? ` (linked as \`${written}\`)` : ''}, the link points at the article` },
  };
}

function fragmentOf(url: string): string {
  const at = url.indexOf('#');
  return at === -1 ? '' : url.slice(at + 1);
}

/** The anchor id in `target` that `fragment` names: exact, case-insensitive, or an HTML anchor name. */
function findAnchor(target: LinkTarget, fragment: string): string | undefined {
  let name = fragment;
  try {
    name = decodeURIComponent(fragment);
  } catch {
    // Keep it as written.
  }
  return target.anchors.get(name) ?? target.anchors.get(name.toLowerCase());
}

/** A public article URL in a form that matches however it was written: no scheme, locale, query, fragment or slash at the end. */
export function normalizeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^docs\.microsoft\.com$/, 'learn.microsoft.com').replace(/^www\./, '');
    const path = parsed.pathname.toLowerCase().replace(/^\/[a-z]{2}-[a-z]{2}(?=\/)/, '').replace(/\/+$/, '');
    return `${host}${path}`;
  } catch {
    return undefined;
  }
}

const KB_URL = /^https?:\/\/support\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?(?:kb|help)\/(\d{5,7})\b/i;

function internalTarget(url: string, index: LinkIndex): LinkTarget | undefined {
  const kb = KB_URL.exec(url)?.[1];
  if (kb) return index.byKb.get(kb);
  const normalized = normalizeUrl(url);
  return normalized ? index.byUrl.get(normalized) : undefined;
}
