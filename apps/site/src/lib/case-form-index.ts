import { buildIndex, serializeIndex, type CaseIndex, type IndexDocument } from '@nimbus/case-index/core';
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

/**
 * The case form's search index: the articles `audience` may read (public ones only on the public site), ranked in
 * the browser by the same `rank` as `kb suggest`.
 */
export async function caseFormIndexJson(audience: Audience): Promise<string> {
  return JSON.stringify(serializeIndex(await articleIndex(audience)));
}

async function buildArticleIndex(audience: Audience): Promise<CaseIndex> {
  const entries = await allEntries(audience);
  const documents: IndexDocument[] = entries.map(({ data, body }) => ({
    id: data.id,
    kind: 'article',
    path: `${localeSegment(data.locale)}/${data.id}`,
    title: data.title,
    description: data.description,
    errors: data.errors,
    symptoms: data.symptoms,
    body: audience === 'public' ? withoutInternalSections(body) : body,
    product: data.product,
    area: data.area,
    locale: data.locale,
    visibility: data.visibility,
    version: data.updated,
  }));
  return buildIndex(documents);
}
