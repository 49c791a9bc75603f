// Validates the content and the runbooks once and writes the validated articles for the Astro builds to read. It runs
// in a child process: the parsed files are the build's largest data (~450 MB for 3,000 articles), and only a process
// that ends gives that memory back before the two Astro processes start (a worker thread's does not).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openAtomicFile } from '@nimbus/atomic-file';
import { checkKnowledgeBase, checkProblems, type LoadedContent } from '@nimbus/content-loader';
import { eachArticleEntry } from '../src/lib/article-source.ts';

/** What {@link prepareContent} reads and writes. */
export interface PrepareOptions {
  contentDir: string;
  /** Runbooks to check the articles' `runbooks` against; none for a content folder without its own. */
  runbooksDir?: string;
  /** The validation cache (per-article results by content hash). */
  cacheFile: string;
  /** Where the validated articles go, for KB_PREPARED_CONTENT. Written only when there is no error. */
  preparedFile: string;
}

/** Problems found, one formatted line each, and how many articles were prepared. */
export interface PrepareResult {
  errors: string[];
  warnings: string[];
  articles: number;
}

/**
 * Validates content and runbooks with `kb check`'s own entry point (`checkKnowledgeBase`, every rule but review
 * dates); writes the prepared articles when nothing is wrong.
 */
export async function prepareContent(options: PrepareOptions): Promise<PrepareResult> {
  const { content, files } = await checkKnowledgeBase({ contentDir: options.contentDir, runbooksDir: options.runbooksDir, purpose: 'build', cacheFile: options.cacheFile });
  const { errors, warnings } = checkProblems(files);
  if (errors.length === 0) await writePrepared(options.preparedFile, content);
  return { errors, warnings, articles: content.articles.length };
}

/**
 * Writes `{"articles":[…]}`, the bytes `JSON.stringify` gives, an article at a time and atomically: as one string the
 * file is 188 MB at 31,520 articles, held beside its bytes at the validation's peak.
 */
async function writePrepared(file: string, content: LoadedContent): Promise<void> {
  const out = await openAtomicFile(file);
  try {
    let separator = '{"articles":[';
    for (const entry of eachArticleEntry(content)) {
      await out.write(separator + JSON.stringify(entry));
      separator = ',';
    }
    await out.write(separator === ',' ? ']}' : `${separator}]}`);
    await out.commit();
  } catch (error) {
    await out.abort();
    throw error;
  }
}

/** {@link prepareContent} in a child process; its problems come back as JSON on stdout. */
export function prepareContentInChild(options: PrepareOptions): Promise<PrepareResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as PrepareResult);
      else reject(new Error(`Content validation stopped (exit code ${code})`));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(await prepareContent(JSON.parse(process.argv[2] ?? '{}') as PrepareOptions)));
}
