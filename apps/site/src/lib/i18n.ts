import { localeSegment, type Locale } from '@nimbus/content';

/** Interface strings per locale; articles carry their own language. */
const strings = {
  en: {
    siteName: 'Nimbus Cloud Knowledge Center',
    skipToContent: 'Skip to content',
    searchLabel: 'Search the knowledge center',
    searchPlaceholder: 'Paste an error message or code, or describe the problem',
    searchButton: 'Search',
    heroTitle: 'How can we help?',
    heroLead: 'Paste the exact error you see. Most problems have an article with the fix.',
    browseProducts: 'Browse by product',
    commonErrors: 'Most common errors',
    recentlyUpdated: 'Recently updated',
    allErrors: 'All error messages and codes',
    articles: (n: number) => `${n} article${n === 1 ? '' : 's'}`,
    product: 'Product',
    area: 'Area',
    language: 'Language',
    lastUpdated: 'Last updated',
    lastReviewed: 'Last reviewed',
    exactErrors: 'Error messages this article resolves',
    relatedArticles: 'Related articles',
    helpful: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    feedbackThanks: 'Thank you for your feedback.',
    feedbackMore: 'What was missing or wrong? (optional)',
    feedbackSend: 'Send',
    stillStuck: 'Still stuck?',
    stillStuckLead: 'If the resolution did not work, open a case. Tell us which steps you tried.',
    openCase: 'Open a case',
    englishOnly: 'In English',
    englishOnlyTitle: 'Not yet translated: opens the English article',
    errorIndexTitle: 'Error messages and codes',
    errorIndexLead: 'Every error message and code our articles resolve. Find yours with your browser’s find (Ctrl+F) or the search.',
    errorColumn: 'Error',
    articlesColumn: 'Articles',
    searchTitle: 'Search',
    results: (n: number) => `${n} result${n === 1 ? '' : 's'}`,
    noResults: 'No articles match. Try the exact error code, fewer words, or remove a filter.',
    allProducts: 'All products',
    allAreas: 'All areas',
    searchNeedsJs: 'Search needs JavaScript. Browse by product or use the error index instead.',
    moreResults: 'Show more results',
    theme: 'Theme',
    themeToggle: 'Toggle dark mode',
    internalSite: 'Internal — engineers only',
    home: 'Home',
    errorsNav: 'Errors',
    productsNav: 'Products',
    newCaseTitle: 'Open a support case',
    notFoundTitle: 'Page not found',
    notFoundLead: 'The page does not exist or has moved. Search for the error you see instead.',
    articlesIn: 'Articles',
    state: 'State',
    visibility: 'Visibility',
    translations: 'Also available in',
  },
  'zh-TW': {
    siteName: 'Nimbus Cloud 知識中心',
    skipToContent: '跳至主要內容',
    searchLabel: '搜尋知識中心',
    searchPlaceholder: '貼上錯誤訊息或代碼,或描述問題',
    searchButton: '搜尋',
    heroTitle: '需要什麼協助?',
    heroLead: '貼上您看到的完整錯誤訊息。大多數問題都有提供解決方法的文章。',
    browseProducts: '依產品瀏覽',
    commonErrors: '最常見的錯誤',
    recentlyUpdated: '最近更新',
    allErrors: '所有錯誤訊息與代碼',
    articles: (n: number) => `${n} 篇文章`,
    product: '產品',
    area: '領域',
    language: '語言',
    lastUpdated: '最後更新',
    lastReviewed: '最後審閱',
    exactErrors: '本文解決的錯誤訊息',
    relatedArticles: '相關文章',
    helpful: '這篇文章有幫助嗎?',
    yes: '有',
    no: '沒有',
    feedbackThanks: '感謝您的意見回饋。',
    feedbackMore: '缺少了什麼或哪裡有誤?(選填)',
    feedbackSend: '送出',
    stillStuck: '仍然無法解決?',
    stillStuckLead: '如果解決方法無效,請建立支援案例,並告訴我們您已嘗試的步驟。',
    openCase: '建立支援案例',
    englishOnly: '英文',
    englishOnlyTitle: '尚未提供繁體中文版本:將開啟英文文章',
    errorIndexTitle: '錯誤訊息與代碼',
    errorIndexLead: '我們的文章所解決的所有錯誤訊息與代碼。請使用瀏覽器的尋找功能 (Ctrl+F) 或搜尋。',
    errorColumn: '錯誤',
    articlesColumn: '文章',
    searchTitle: '搜尋',
    results: (n: number) => `${n} 筆結果`,
    noResults: '沒有符合的文章。請嘗試完整的錯誤代碼、較少的關鍵字,或移除篩選條件。',
    allProducts: '所有產品',
    allAreas: '所有領域',
    searchNeedsJs: '搜尋需要 JavaScript。請改為依產品瀏覽或使用錯誤索引。',
    moreResults: '顯示更多結果',
    theme: '主題',
    themeToggle: '切換深色模式',
    internalSite: '內部網站 — 僅限工程師',
    home: '首頁',
    errorsNav: '錯誤索引',
    productsNav: '產品',
    newCaseTitle: '建立支援案例',
    notFoundTitle: '找不到頁面',
    notFoundLead: '此頁面不存在或已移動。請改為搜尋您看到的錯誤。',
    articlesIn: '文章',
    state: '狀態',
    visibility: '可見性',
    translations: '其他語言版本',
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type UiStrings = (typeof strings)['en'];

/** Interface strings of a locale. */
export function t(locale: Locale): UiStrings {
  return strings[locale];
}

/** Display name of each locale, in its own language. */
export const localeNames: Record<Locale, string> = { en: 'English', 'zh-TW': '繁體中文' };

/** Prefixes a site path with the locale's folder (`/errors/` → `/zh-tw/errors/`); English has none. */
export function localePath(locale: Locale, sitePath: string): string {
  return locale === 'en' ? sitePath : `/${localeSegment(locale)}${sitePath}`;
}

/** Formats an ISO day for readers of `locale`. */
export function formatDay(day: string, locale: Locale): string {
  return dayFormat(locale).format(new Date(`${day}T00:00:00Z`));
}

// Creating an Intl formatter costs far more than formatting: one per locale for the whole build.
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();
function dayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format;
}

/** Keeps a reader in their language: a link to an article page points to the same page in `locale`. */
export function localizeHref(href: string, locale: Locale): string {
  return locale !== 'en' && href.startsWith('/articles/') ? localePath(locale, href) : href;
}
