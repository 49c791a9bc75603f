import semver from 'semver';

/** One entry of the package changelog (a changeset's summary under a version). */
export interface ChangelogEntry {
  /** @example "0.2.0" */
  version: string;
  /** `major`, `minor` or `patch`, from the `### … Changes` heading; undefined when there is none. */
  type?: string;
  /** The entry's text, without the commit hash changesets puts first. */
  text: string;
  /** Runbook ids the text names. */
  runbooks: string[];
}

/** Compares two versions by semver: negative when `a` is older than `b`, a pre-release older than its release. */
export function compareVersions(a: string, b: string): number {
  // semver orders pre-releases before their release (1.0.0-rc.1 < 1.0.0); a loose version (`v1`, `1.2`) is coerced.
  const parse = (version: string) => semver.parse(version, { loose: true }) ?? semver.coerce(version, { includePrerelease: true }) ?? new semver.SemVer('0.0.0');
  return semver.compare(parse(a), parse(b));
}

/** Whether `text` names `id` as a whole word (`vm-unreachable`, not `vm-unreachable-2`). */
export function namesRunbook(text: string, id: string): boolean {
  return new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
}

/**
 * Parses a changesets `CHANGELOG.md`: `## <version>`, `### Minor Changes`, and one `- ` item per change.
 * `runbookIds` are the ids to look for in each entry. Entries come newest first, as in the file.
 */
export function parseChangelog(markdown: string, runbookIds: Iterable<string> = []): ChangelogEntry[] {
  const ids = [...runbookIds];
  const entries: ChangelogEntry[] = [];
  let version: string | undefined;
  let type: string | undefined;
  let current: string[] | undefined;
  const flush = () => {
    if (version && current) {
      const text = current.join('\n').trim().replace(/^[0-9a-f]{7,40}: /, '');
      entries.push({ version, ...(type ? { type } : {}), text, runbooks: ids.filter((id) => namesRunbook(text, id)) });
    }
    current = undefined;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const versionHeading = /^## +v?(\d+\.\d+\.\d+\S*)/.exec(line);
    const typeHeading = /^### +(\w+) +Changes/i.exec(line);
    if (versionHeading) {
      flush();
      version = versionHeading[1];
      type = undefined;
    } else if (typeHeading) {
      flush();
      type = typeHeading[1]!.toLowerCase();
    } else if (/^[-*] /.test(line)) {
      flush();
      current = [line.slice(2)];
    } else if (current && (/^\s+\S/.test(line) || line.trim() === '')) {
      current.push(line.replace(/^ {2}/, ''));
    } else if (/^#/.test(line)) {
      flush();
    }
  }
  flush();
  return entries;
}

/** The entries that name runbook `id`. */
export function runbookChangelog(entries: readonly ChangelogEntry[], id: string): ChangelogEntry[] {
  return entries.filter((entry) => entry.runbooks.includes(id));
}

/** The entries newer than `version` (all of them when `version` is undefined). */
export function changesSince(entries: readonly ChangelogEntry[], version: string | undefined): ChangelogEntry[] {
  return version === undefined ? [...entries] : entries.filter((entry) => compareVersions(entry.version, version) > 0);
}
