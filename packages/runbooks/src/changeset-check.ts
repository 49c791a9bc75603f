import parseChangeset from '@changesets/parse';
import { namesRunbook } from './changelog.ts';

/** A changeset file: its path and text (frontmatter with the bumped packages, then the summary). */
export interface ChangesetFile {
  path: string;
  text: string;
}

/** Options of {@link checkRunbookChangesets}. */
export interface ChangesetCheckOptions {
  /** Name of the runbook package in changesets. Default `@nimbus/runbooks`. */
  packageName?: string;
  /** Folder of the runbooks, relative to the repository root. Default `packages/runbooks/runbooks`. */
  runbooksDir?: string;
}

/**
 * What a pull request still needs so that L2 sees its runbook changes: every changed runbook file must be named
 * (by id) in a changeset that bumps the runbook package. `changedFiles` are repository-relative paths, as
 * `git diff --name-only base...HEAD` prints them. Returns one problem per runbook; empty when all is well.
 */
export function checkRunbookChangesets(changedFiles: readonly string[], changesets: readonly ChangesetFile[], options: ChangesetCheckOptions = {}): string[] {
  const packageName = options.packageName ?? '@nimbus/runbooks';
  const dir = (options.runbooksDir ?? 'packages/runbooks/runbooks').replace(/\/+$/, '');
  const changed = [...new Set(changedFiles.flatMap((file) => {
    const match = new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([a-z0-9-]+)\\.mdx$`).exec(file);
    return match ? [match[1]!] : [];
  }))].sort();
  // Read as changesets reads them; a file it cannot parse bumps nothing (and `changeset version` would reject it).
  const parsed = changesets.flatMap((changeset) => {
    try {
      return [{ path: changeset.path, ...parseChangeset(changeset.text) }];
    } catch {
      return [];
    }
  });
  const bumping = parsed.filter((changeset) => changeset.releases.some((release) => release.name === packageName));
  return changed.flatMap((id) => {
    if (bumping.length === 0) return [`Missing changeset for runbook \`${id}\`: run \`npx changeset\`, pick ${packageName}, and say what changed in \`${id}\``];
    if (bumping.some((changeset) => namesRunbook(changeset.summary, id))) return [];
    return [`Missing \`${id}\` in the changesets of ${packageName} (${bumping.map((changeset) => changeset.path).join(', ')}): name the runbook so its changelog shows the change`];
  });
}
