import type { Audience } from '@nimbus/content';

// Everything a build varies on comes from the environment (set by astro.config.ts and scripts/build.ts),
// so one source tree yields both sites.

/**
 * What one Astro run renders: `all` (what `npm run build` uses) renders the public pages at the root and the
 * internal pages under {@link internalPrefix} in a single pass, so every article is compiled once;
 * `public` or `internal` render one site (for `astro dev`).
 */
export type BuildMode = Audience | 'all';
export const buildMode: BuildMode = process.env.KB_AUDIENCE === 'all' ? 'all' : process.env.KB_AUDIENCE === 'internal' ? 'internal' : 'public';

/** The audiences this run renders pages for. */
export const audiences: readonly Audience[] = buildMode === 'all' ? ['public', 'internal'] : [buildMode];

/** In a single-pass build, the folder the internal pages are written to; the build script moves it to dist-internal/. */
export const internalPrefix = 'internal';

/** The output folder of an audience's pages, relative to the output root (`''` for the root). */
export function outputPrefix(audience: Audience): string {
  return buildMode === 'all' && audience === 'internal' ? internalPrefix : '';
}

/** Absolute path of the content folder. */
export const contentDir: string = process.env.KB_CONTENT_DIR ?? 'content';

/** Where "Was this helpful?" votes are POSTed; empty keeps them in the browser only. */
export const feedbackEndpoint = process.env.KB_FEEDBACK_ENDPOINT ?? '';

/** Where the case form is POSTed; empty shows the customer a summary to send by other means. */
export const caseEndpoint = process.env.KB_CASE_ENDPOINT ?? '';
