// Build profiles. `production` (the default) is what customers and engineers are served: each site one Pagefind index
// up to 4,000 pages, the best ranking and the fewest bytes per search. `preview` is what an author or a pull request
// checks an edit on: Pagefind in bundles of PREVIEW_BUNDLE_PAGES pages, so an edit indexes again only the bundle that
// holds the edited page (at 3,152 articles about 2.5 s instead of about 11 s) at the price of more bytes per search
// and per-bundle ranking (docs/ARCHITECTURE.md). The profile is part of the build fingerprint (a KB_ setting), so a
// preview build's incremental rebuilds stay byte-identical to its own cold builds and never mix with production ones.

export const BUILD_PROFILES = ['production', 'preview'] as const;
export type BuildProfile = (typeof BUILD_PROFILES)[number];

/** Pages per Pagefind bundle of a preview build. */
export const PREVIEW_BUNDLE_PAGES = 500;

/** The profile `KB_BUILD_PROFILE` names (production when unset); throws on a name that is not a profile. */
export function buildProfile(env: NodeJS.ProcessEnv): BuildProfile {
  const name = env.KB_BUILD_PROFILE || 'production';
  if (!(BUILD_PROFILES as readonly string[]).includes(name)) throw new Error(`Unexpected KB_BUILD_PROFILE=${name}, expected ${BUILD_PROFILES.join(' or ')}`);
  return name as BuildProfile;
}

/**
 * Pages per Pagefind bundle: KB_PAGEFIND_BUNDLE_PAGES when set, else the profile's (0: the site decides, one index up
 * to 4,000 pages).
 */
export function pagefindBundlePages(env: NodeJS.ProcessEnv): number {
  const explicit = env.KB_PAGEFIND_BUNDLE_PAGES;
  if (explicit !== undefined && explicit !== '') {
    const pages = Number(explicit);
    if (!Number.isInteger(pages) || pages < 1) throw new Error(`Unexpected KB_PAGEFIND_BUNDLE_PAGES=${explicit}, expected a whole number of pages, 1 or more`);
    return pages;
  }
  return buildProfile(env) === 'preview' ? PREVIEW_BUNDLE_PAGES : 0;
}
