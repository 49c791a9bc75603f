import { buildIndex, dropRelatedSections, markdownHeadings, markdownToText, type CaseIndex, type IndexDocument } from '@nimbus/case-index/core';
import { localeSegment, withoutInternalSections, type Audience } from '@nimbus/content';
import { allEntries } from './catalog.ts';

const indexes = new Map<Audience, Promise<CaseIndex>>();

/** The case index of the articles `audience` may read (internal sections only for engineers); built once per audience. */
export function articleIndex(audience: Audience): Promise<CaseIndex> {
  let index = indexes.get(audience);
  if (!index) {
    index = buildArticleIndex(audience);
    indexes.set(audience, index);
  }
  return index;
}

const documentLists = new Map<Audience, Promise<IndexDocument[]>>();

/** Lets the document lists of {@link articleDocuments} go (a one-shot process done with them, as catalog's forgetEntries). */
export function forgetArticleDocuments(): void {
  documentLists.clear();
}

/**
 * The articles `audience` may read as index documents, read as `kb link` reads an article (related sections dropped,
 * Markdown reduced to text); on the public site from public text only (`withoutInternalSections`).
 */
export function articleDocuments(audience: Audience): Promise<IndexDocument[]> {
  let documents = documentLists.get(audience);
  if (!documents) {
    documents = allEntries(audience).then((entries) =>
      entries.map(({ data, body }) => {
        const text = dropRelatedSections(audience === 'public' ? withoutInternalSections(body) : body);
        return {
          id: data.id,
          kind: 'article',
          path: `${localeSegment(data.locale)}/${data.id}`,
          title: data.title,
          description: data.description,
          errors: data.errors,
          symptoms: data.symptoms,
          headings: markdownHeadings(text).headings,
          body: markdownToText(text),
          product: data.product,
          area: data.area,
          locale: data.locale,
          visibility: data.visibility,
          version: data.updated,
        } satisfies IndexDocument;
      }),
    );
    documentLists.set(audience, documents);
  }
  return documents;
}

async function buildArticleIndex(audience: Audience): Promise<CaseIndex> {
  return buildIndex(await articleDocuments(audience));
}
