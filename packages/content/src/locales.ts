/** Locales the knowledge center publishes; the first is the source language. */
export const locales = ['en', 'zh-TW'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** The folder and URL segment of a locale (`zh-TW` → `zh-tw`). */
export function localeSegment(locale: Locale): string {
  return locale.toLowerCase();
}

/** The locale of a folder or URL segment, if it names one. */
export function localeFromSegment(segment: string): Locale | undefined {
  return locales.find((locale) => localeSegment(locale) === segment.toLowerCase());
}
