import type { Locale } from '@nimbus/content';

// Words of the search page that only the search page uses.
const strings = {
  en: {
    runbook: 'Runbook',
    english: 'English',
    didYouMean: 'Did you mean',
    noResultsHelp: 'Still nothing? Look your error message up in',
    errorIndex: 'the index of error messages and codes',
    or: 'or',
    openCase: 'open a support case',
    end: '.',
  },
  'zh-TW': {
    runbook: '操作手冊',
    english: '英文',
    didYouMean: '您是不是要找',
    noResultsHelp: '仍然找不到？請在',
    errorIndex: '錯誤訊息與代碼索引',
    or: '中查詢，或',
    openCase: '建立支援案例',
    end: '。',
  },
} satisfies Record<Locale, Record<string, string>>;

/** The search page's own words in `locale`. */
export function searchStrings(locale: Locale): (typeof strings)['en'] {
  return strings[locale];
}
