import type { Audience } from '@nimbus/content';

// Everything a build varies on comes from the environment (set by astro.config.ts and scripts/build.ts),
// so one source tree yields both sites.

/** The site this Astro run renders: the build script runs one process per audience, at the same time. */
export const buildAudience: Audience = process.env.KB_AUDIENCE === 'internal' ? 'internal' : 'public';

/** The audiences this run renders pages for (one; a list so page code reads the same for any audience). */
export const audiences: readonly Audience[] = [buildAudience];

/** Absolute path of the content folder. */
export const contentDir: string = process.env.KB_CONTENT_DIR ?? 'content';

/**
 * The event collector's intake (votes, searches, clicks, case-form sessions, flags); empty sends nothing.
 * `KB_FEEDBACK_ENDPOINT` is the older name of the same setting.
 */
export const eventsEndpoint = process.env.KB_EVENTS_ENDPOINT || process.env.KB_FEEDBACK_ENDPOINT || '';

/** The collector's read API for the internal reports page; never set in the public build, whatever the environment. */
export const eventsReadUrl = buildAudience === 'internal' ? (process.env.KB_EVENTS_READ_URL ?? '') : '';

/** The read API's bearer token, internal build only (the internal site is for engineers alone). */
export const eventsReadToken = buildAudience === 'internal' ? (process.env.KB_EVENTS_READ_TOKEN ?? '') : '';

/** Where the case form is POSTed; empty shows the customer a summary to send by other means. */
export const caseEndpoint = process.env.KB_CASE_ENDPOINT ?? '';
