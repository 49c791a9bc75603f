// The shared planted-secrets corpus (packages/redact/test/fixtures/redaction/corpus.yaml, `@nimbus/redact/corpus`) as the inputs of the
// kb entry points: case exports in every format for kb link and kb report, and the expected report lines.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeRedactions, redactionKinds, type RedactionCounts } from '@nimbus/redact';
import { corpus, expectedCounts, type PlantedSecret } from '@nimbus/redact/corpus';

export { corpus, corpusSummary, leaks, lostLookalikes, oneLine } from '@nimbus/redact/corpus';
export type { PlantedSecret };

/** What the redactor must count for these entries (every kind named, zeros included). */
export function countsOf(entries: readonly PlantedSecret[] = corpus.planted): RedactionCounts {
  return expectedCounts(entries, redactionKinds);
}

/** The counts as the kb commands print them: "5 × private key, 2 × JWT, …". */
export function describedCounts(entries: readonly PlantedSecret[] = corpus.planted): string {
  return describeRedactions(countsOf(entries));
}

/** The whole corpus as one text, an entry per line (key blocks on several lines). */
export const corpusText = corpus.planted.map((entry) => entry.text).join('\n');

const isOneLine = (entry: PlantedSecret) => !entry.text.includes('\n');

/**
 * Writes the corpus as case exports into `dir`: one case per planted secret, in turn in the subject, the body or a
 * comment (key blocks always in the body), and one case per look-alike with the look-alike as its subject, so the
 * `kb link` table shows it. Returns the paths of `planted.jsonl`, `planted.csv` and `planted-zendesk.json`.
 */
export function writePlantedCases(dir: string): { jsonl: string; csv: string; zendesk: string } {
  const records = corpus.planted.map((entry, index) => {
    const id = `P-${index + 1}`;
    const place = isOneLine(entry) ? (['subject', 'body', 'comment'] as const)[index % 3]! : 'body';
    return {
      id,
      subject: place === 'subject' ? entry.text : `Customer report ${id}`,
      body: place === 'body' ? entry.text : 'The details are in the case.',
      comments: place === 'comment' ? [entry.text] : [],
      createdAt: '2026-05-04T09:00:00Z',
    };
  });
  const kept = corpus.kept.map((text, index) => ({ id: `K-${index + 1}`, subject: text, body: 'A look-alike that must be kept.', comments: [] as string[], createdAt: '2026-05-04T09:00:00Z' }));
  const all = [...records, ...kept];

  const jsonl = path.join(dir, 'planted.jsonl');
  writeFileSync(jsonl, `${all.map((record) => JSON.stringify({ ...record, comments: record.comments.map((body) => ({ body })) })).join('\n')}\n`);

  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const csv = path.join(dir, 'planted.csv');
  writeFileSync(csv, `id,subject,body,comments,created_at\n${all.map((record) => [record.id, record.subject, record.body, record.comments[0] ?? '', record.createdAt].map(cell).join(',')).join('\n')}\n`);

  // Zendesk has no comments in its ticket export: those go to the description.
  const zendesk = path.join(dir, 'planted-zendesk.json');
  const tickets = all.map((record, index) => ({
    id: 9000 + index,
    subject: record.subject,
    description: [record.body, ...record.comments].join('\n'),
    priority: 'normal',
    status: 'open',
    tags: [],
    created_at: record.createdAt,
  }));
  writeFileSync(zendesk, JSON.stringify({ tickets }));
  return { jsonl, csv, zendesk };
}

/** The corpus written as case exports into `dir`, as `test.each` rows: the name of the format, then the file. */
export function plantedExports(dir: string): Array<[string, string]> {
  const planted = writePlantedCases(dir);
  return [
    ['JSON Lines', planted.jsonl],
    ['CSV', planted.csv],
    ['Zendesk', planted.zendesk],
  ];
}
