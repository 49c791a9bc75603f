import { nodesToText } from './markdown-text.ts';
import type { Runbook } from './runbook.ts';

/**
 * A runbook as a document of the case index. The shape is `IndexDocument` of `@nimbus/case-index`, which cannot be
 * imported here: case-index depends on this package (through content-loader), so the fields are spelled out and
 * TypeScript checks them where the document is handed to the index.
 */
export interface RunbookIndexDocument {
  id: string;
  kind: 'runbook';
  /** The runbook's file relative to the runbooks folder's parent, what `kb link` and `kb suggest` print. */
  path: string;
  title: string;
  description: string;
  errors: string[];
  symptoms: string[];
  headings: string[];
  body: string;
  area: string;
  /** The `reviewed` day: the version a link to the runbook was made against. */
  version?: string;
}

/** A runbook as a document of the case index: its triggers are its errors and symptoms, its steps its headings. */
export function runbookIndexDocument(runbook: Runbook): RunbookIndexDocument {
  const document: RunbookIndexDocument = {
    id: runbook.id,
    kind: 'runbook',
    path: `runbooks/${runbook.id}.mdx`,
    title: runbook.title,
    description: runbook.summary,
    errors: [...runbook.triggers.errors, ...runbook.triggers.alerts],
    symptoms: runbook.triggers.symptoms,
    headings: runbook.steps.map((step) => step.title),
    body: Object.values(runbook.sections)
      .map((section) => nodesToText(section.children))
      .join('\n\n'),
    area: runbook.area,
  };
  if (runbook.reviewed) document.version = String(runbook.reviewed);
  return document;
}
