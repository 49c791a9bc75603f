import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nimbus/atomic-file';
import path from 'node:path';
import { defineCommand } from 'citty';
import { loadContent } from '@nimbus/content-loader';
import { defaultRunbooksDir, loadRunbooks } from '@nimbus/runbooks';
import { renderCodeowners, type OwnedFile } from '../codeowners.ts';
import { KbError, kbErrors } from '../error-catalog.ts';
import { ioOf, out } from '../io.ts';

export default defineCommand({
  meta: { name: 'codeowners', description: 'Write .github/CODEOWNERS from the owner fields; --check fails on drift' },
  args: {
    content: { type: 'string', description: 'Content folder (default: $KB_CONTENT_DIR or ./content)' },
    runbooks: { type: 'string', description: 'Runbook folder (default: $KB_RUNBOOKS_DIR or the @nimbus/runbooks package; `off` for articles only)' },
    out: { type: 'string', default: '.github/CODEOWNERS', description: 'Where to write' },
    fallback: { type: 'string', default: '@nimbus/kb-maintainers', description: 'Owner of everything else' },
    check: { type: 'boolean', description: 'Do not write: exit 1 when the file differs from what would be generated' },
  },
  async run(context) {
    const { args } = context;
    const io = ioOf(context);
    const root = io.cwd;
    const content = await loadContent(path.resolve(root, args.content ?? io.env.KB_CONTENT_DIR ?? 'content'));
    const ownedPath = (file: string) => path.relative(root, file).split(path.sep).join('/');
    const files: OwnedFile[] = content.articles.map((article) => ({ path: ownedPath(path.join(content.dir, article.path)), owner: article.owner }));
    // Runbooks are L3's: a change to one needs its owner's review as much as an article does.
    const runbooksArg = args.runbooks ?? io.env.KB_RUNBOOKS_DIR;
    if (runbooksArg !== 'off') {
      const loaded = await loadRunbooks(runbooksArg ? path.resolve(root, runbooksArg) : defaultRunbooksDir());
      files.push(...loaded.runbooks.map((runbook) => ({ path: ownedPath(path.join(loaded.dir, `${runbook.id}.mdx`)), owner: runbook.owner })));
    }
    const expected = renderCodeowners(files, args.fallback);
    const target = path.resolve(root, args.out);
    if (args.check) {
      const actual = await readFile(target, 'utf8').catch(() => '');
      if (actual !== expected) throw new KbError(kbErrors.OutOfDate, `${path.relative(root, target)} is out of date with the owner fields: run \`npx kb codeowners\` and commit the result`);
      out(io, `${path.relative(root, target)} is up to date`);
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    // A unique temporary file, fsynced, then renamed: a reader never sees half a CODEOWNERS.
    await writeFileAtomic(target, expected);
    out(io, `Wrote ${path.relative(root, target)} (${files.length} owned files)`);
  },
});
