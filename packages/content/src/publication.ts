import type { ArticleFrontmatter } from './article-schema.ts';

/** The two builds of the knowledge center. */
export type Audience = 'public' | 'internal';

/** Whether customers may read the article: validated and public, nothing else. */
export function isPublishable(article: Pick<ArticleFrontmatter, 'state' | 'visibility'>): boolean {
  return article.state === 'validated' && article.visibility === 'public';
}

/** Whether the build for `audience` includes the article. Engineers see everything, marked by state and visibility. */
export function isVisibleTo(article: Pick<ArticleFrontmatter, 'state' | 'visibility'>, audience: Audience): boolean {
  return audience === 'internal' || isPublishable(article);
}
