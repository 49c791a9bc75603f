import type { Audience } from '@nimbus/content';

// Everything a build varies on comes from the environment (set by astro.config.ts and scripts/build.ts),
// so one source tree yields both sites.

/** The site this Astro run renders: the build script runs one process per audience, at the same time. */
export const buildAudience: Audience = process.env.KB_AUDIENCE === 'internal' ? 'internal' : 'public';

/** The audiences this run renders pages for (one; a list so page code reads the same for any audience). */
export const audiences: readonly Audience[] = [buildAudience];

/** Absolute path of the content folder. */
export const contentDir: string = process.env.KB_CONTENT_DIR ?? 'content';

/** Where "Was this helpful?" votes are POSTed; empty keeps them in the browser only. */
export const feedbackEndpoint = process.env.KB_FEEDBACK_ENDPOINT ?? '';

/** Where the case form is POSTed; empty shows the customer a summary to send by other means. */
export const caseEndpoint = process.env.KB_CASE_ENDPOINT ?? '';
