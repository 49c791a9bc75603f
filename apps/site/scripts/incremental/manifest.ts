// What a published site was built from, kept beside it in its store (`<store>/<run id>.manifest.json`, never inside the
// site, so it is not deployed): the fingerprint of everything but the articles, a hash per article, the articles the
// site shows, and the assets each HTML page refers to. The next build compares its own inputs with it to decide
// what it must render again.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { visibleArticles, type Audience } from '@nimbus/content';
import type { ArticleEntry } from '../../src/lib/article-source.ts';
import type { BundleRecord, IndexedPage } from '../pagefind-index.ts';

/** Bumped whenever what the manifest records, or how pages are planned from it, changes: an older one means a cold build. */
export const MANIFEST_VERSION = 3;

/** The inputs of one site. */
export interface SiteInputs {
  /** {@link buildFingerprint} of the build. */
  fingerprint: string;
  /**
   * `<locale>/<id>` → hash of the validated article (frontmatter and body), for the articles this site shows only:
   * the public manifest never names an internal article (nor does the plan need one, it compares shown articles).
   */
  articles: Record<string, string>;
  /** The keys of the articles this site shows, sorted. */
  visible: string[];
}

/** A site's manifest: its inputs, and the assets each HTML page refers to (relative path → asset names). */
export interface SiteManifest extends SiteInputs {
  version: number;
  assetRefs: Record<string, string[]>;
  /** How many pages Pagefind indexed. */
  pagefindPages: number;
  /** What Pagefind read of each HTML page (hash, product, body), so a page linked by the next build is not read again. */
  pageRecords: Record<string, IndexedPage>;
  /** The Pagefind bundles and the signature of their pages (pagefind-index.ts): equal ones are linked, not indexed. */
  bundles: BundleRecord[];
  /** Cases resolved per article id, as the internal article pages show them (src/lib/render-filter.ts). */
  casesResolved: Record<string, number>;
}

/** The key of an article: its locale and id. */
export const articleKey = (article: { locale: string; id: string }) => `${article.locale}/${article.id}`;

/** The validated articles the build hands to Astro (prepare-content.ts writes them). */
export async function readPreparedArticles(preparedFile: string): Promise<ArticleEntry[]> {
  return (JSON.parse(await readFile(preparedFile, 'utf8')) as { articles: ArticleEntry[] }).articles;
}

/** The inputs of `audience`'s site: which articles it shows, and one hash per article it shows. */
export function siteInputs(fingerprint: string, entries: readonly ArticleEntry[], audience: Audience): SiteInputs {
  const visible = visibleArticles(entries.map((entry) => entry.data), audience).map(articleKey).sort();
  const shown = new Set(visible);
  const articles: Record<string, string> = {};
  for (const entry of entries) {
    const key = articleKey(entry.data);
    if (shown.has(key)) articles[key] = createHash('sha256').update(JSON.stringify(entry)).digest('hex');
  }
  return { fingerprint, articles, visible };
}

/** Where the manifest of the build `runId` in `store` lives. */
export function manifestFile(store: string, runId: string): string {
  return path.join(store, `${runId}.manifest.json`);
}

/** The manifest of a published build; undefined when it is missing, unreadable or of another version. */
export async function readManifest(file: string): Promise<SiteManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as SiteManifest;
    return manifest.version === MANIFEST_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a manifest completely or not at all (aside, then renamed into place). */
export async function writeManifest(file: string, manifest: SiteManifest): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(manifest));
  await rename(`${file}.tmp`, file);
}
