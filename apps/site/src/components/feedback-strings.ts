import type { Locale } from '@nimbus/content';

// The "flag this article" strings live beside the Feedback component that alone uses them.
const strings = {
  en: {
    flag: 'Flag this article',
    flagLead: 'Something wrong with this page? Tell the team that owns it.',
    flagReason: 'What is wrong?',
    flagReasons: { outdated: 'It is out of date', incorrect: 'It is incorrect', unclear: 'It is hard to follow', broken: 'A link or command does not work', other: 'Something else' },
    flagText: 'Details (optional; do not include passwords or personal data)',
    flagSend: 'Send flag',
    flagThanks: 'Thank you: the article’s owners will look at it.',
  },
  'zh-TW': {
    flag: '回報此文章的問題',
    flagLead: '這個頁面有問題嗎?請告訴負責的團隊。',
    flagReason: '哪裡有問題?',
    flagReasons: { outdated: '內容已過時', incorrect: '內容有誤', unclear: '難以理解', broken: '連結或指令無法使用', other: '其他' },
    flagText: '詳細說明(選填;請勿包含密碼或個人資料)',
    flagSend: '送出回報',
    flagThanks: '感謝您:文章負責人會處理。',
  },
} as const;

/** The flag control's strings in the page's language. */
export function flagStrings(locale: Locale): (typeof strings)['en'] | (typeof strings)['zh-TW'] {
  return strings[locale];
}
