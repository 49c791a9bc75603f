// Every page kind of both sites, in both languages: the one list the screenshot, overflow and axe tests walk.
export interface PageKind {
  site: 'public' | 'internal';
  name: string;
  path: string;
  /** A selector to wait for before looking (pages that render with JavaScript). */
  waitFor?: string;
}

const article = 'compute/iis-http-error-403-14-forbidden';
const shared = (site: PageKind['site'], prefix: string, lang: string): PageKind[] => [
  { site, name: `${lang}-home`, path: `${prefix}/` },
  { site, name: `${lang}-products`, path: `${prefix}/products/` },
  { site, name: `${lang}-product`, path: `${prefix}/products/compute/` },
  { site, name: `${lang}-article`, path: `${prefix}/articles/${article}/` },
  { site, name: `${lang}-errors`, path: `${prefix}/errors/` },
  { site, name: `${lang}-search`, path: `${prefix}/search/?q=403.14`, waitFor: '[data-search-results] li' },
  { site, name: `${lang}-case-form`, path: `${prefix}/support/new-case/` },
  { site, name: `${lang}-404`, path: `${prefix}/articles/compute/iis-403-14-no-such-page/`, waitFor: '[data-not-found-search]:not([hidden])' },
];

export const pageKinds: PageKind[] = [
  ...shared('public', '', 'en'),
  ...shared('public', '/zh-tw', 'zh'),
  { site: 'internal', name: 'en-home', path: '/' },
  { site: 'internal', name: 'zh-home', path: '/zh-tw/' },
  { site: 'internal', name: 'en-article', path: `/articles/${article}/` },
  { site: 'internal', name: 'en-errors', path: '/errors/' },
  { site: 'internal', name: 'en-product', path: '/products/compute/' },
  { site: 'internal', name: 'en-search', path: '/search/?q=403.14', waitFor: '[data-search-results] li' },
  { site: 'internal', name: 'en-runbooks', path: '/runbooks/' },
  { site: 'internal', name: 'en-runbook', path: '/runbooks/vm-unreachable/' },
  { site: 'internal', name: 'en-runbook-triage', path: '/runbooks/severity-triage/' },
  { site: 'internal', name: 'en-reports', path: '/reports/' },
  // The internal site's own header on its not-found pages (engineers' navigation, the internal tag).
  { site: 'internal', name: 'en-404', path: '/articles/compute/iis-403-14-no-such-page/', waitFor: '[data-not-found-search]:not([hidden])' },
  { site: 'internal', name: 'zh-404', path: '/zh-tw/articles/compute/iis-403-14-no-such-page/', waitFor: '[data-not-found-search]:not([hidden])' },
];
