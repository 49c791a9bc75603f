import { readdirSync, readFileSync } from 'node:fs';
import { buildIndex, type CaseIndex } from '../src/build-index.ts';
import { parseMarkdownArticle } from '../src/document.ts';

// The ranking fixtures (fixtures/ranking/<name>/articles/*.md and case.json), one index over all of them: the corpus
// the reference-ranking and term-key tests rank against.
const ranking = new URL('fixtures/ranking/', import.meta.url);
const folders = readdirSync(ranking).sort();

export function rankingFixtureIndex(): CaseIndex {
  return buildIndex(
    folders.flatMap((folder) => {
      const articles = new URL(`${folder}/articles/`, ranking);
      return readdirSync(articles)
        .sort()
        .map((name) => parseMarkdownArticle(readFileSync(new URL(name, articles), 'utf8'), `${folder}/${name}`));
    }),
    { associations: false },
  );
}

/** Each fixture's case as one text, subject line first. */
export function rankingFixtureCases(): string[] {
  return folders.map((folder) => {
    const supportCase = JSON.parse(readFileSync(new URL(`${folder}/case.json`, ranking), 'utf8')) as { subject: string; body: string };
    return `${supportCase.subject}\n${supportCase.body}`;
  });
}
