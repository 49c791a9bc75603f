import type { VFile } from 'vfile';
import type { Article, ArticleFileData, BodyFacts } from '@nimbus/content';

// What validating one article leaves behind, as plain data: the article, the body facts collection rules read from
// `file.data`, and the file's messages. The validation cache stores it between runs and the validation threads send
// it back to the main thread, so both replay a result the same way.

/** A message as plain data: what `formatMessage`, `kb check` and the collection rules read of it. */
export interface StoredMessage {
  reason: string;
  place: VFile['messages'][number]['place'];
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
  note?: string;
}

/** One article's validation result. */
export interface ValidationResult {
  article?: Article;
  facts?: BodyFacts;
  messages: StoredMessage[];
}

/** The result of validating `file` into `article` (call right after, before collection rules add messages). */
export function captureResult(file: VFile, article: Article | undefined): ValidationResult {
  return {
    article,
    facts: (file.data as ArticleFileData).kbFacts,
    messages: file.messages.map((message) => ({ reason: message.reason, place: message.place, ruleId: message.ruleId, source: message.source, fatal: message.fatal, note: message.note })),
  };
}

/** Puts a stored result onto `file` (its messages, its body facts) as validating it would have; returns its article. */
export function applyResult(file: VFile, result: ValidationResult): Article | undefined {
  for (const stored of result.messages) {
    const message = file.message(stored.reason, { place: stored.place, ruleId: stored.ruleId, source: stored.source });
    message.fatal = stored.fatal;
    if (stored.note) message.note = stored.note;
  }
  if (result.facts) (file.data as ArticleFileData).kbFacts = result.facts;
  return result.article;
}
