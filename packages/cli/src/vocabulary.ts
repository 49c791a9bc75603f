import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { compileSynonyms, type SynonymTable } from '@nimbus/case-index';
// Narrow entry points: ranking commands need no Markdown parser to read the vocabulary.
import { formatMessage } from '@nimbus/content/format-message';
import { validateVocabulary } from '@nimbus/content/validate-vocabulary';
import { KbError, kbErrors } from './error-catalog.ts';
import type { KbIO } from './io.ts';

/**
 * The search vocabulary every ranking command expands queries with: `vocabulary.yaml` of `$KB_CONTENT_DIR` (or
 * `./content`); none when there is no such file. A file that does not validate is a user error at its line.
 */
export async function loadVocabulary(io: Pick<KbIO, 'env' | 'cwd'>): Promise<SynonymTable | undefined> {
  const file = path.resolve(io.cwd, io.env.KB_CONTENT_DIR ?? 'content', 'vocabulary.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const vfile = new VFile({ path: file, value: text });
  const vocabulary = validateVocabulary(vfile);
  if (!vocabulary) throw new KbError(kbErrors.InvalidContent, vfile.messages.map((message) => formatMessage(message, path.relative(io.cwd, file))).join('\n'));
  return compileSynonyms(vocabulary);
}
