import type { Browser, Page } from 'playwright-core';
import { launchBrowser, trackPageErrors } from './browser.ts';

/**
 * Types queries into one site's search page as a customer does: the first query arrives with the page (`?q=`), the
 * next ones are typed into the box and sent with Enter, on the same page. A query is done when the page's address
 * holds it and the search it started has finished (`data-search-count` / `data-search-done`, set by the page).
 */
export class SearchSession {
  private base: string | undefined;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    /** Uncaught errors of the page so far: a test asserts there were none. */
    readonly errors: Error[],
  ) {}

  /** A browser with one page, its errors tracked. */
  static async open(): Promise<SearchSession> {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    return new SearchSession(browser, page, trackPageErrors(page));
  }

  close(): Promise<void> {
    return this.browser.close();
  }

  /** Searches `query` on the search page at `base` (e.g. `http://127.0.0.1:4321/zh-tw/search/`). */
  async search(base: string, query: string): Promise<void> {
    if (this.base !== base) {
      await this.page.goto(`${base}?q=${encodeURIComponent(query)}`);
      await this.page.waitForSelector('[data-search-status]:not(:empty)');
      this.base = base;
      return;
    }
    const before = Number((await this.page.getAttribute('[data-search]', 'data-search-count')) ?? 0);
    await this.page.fill('#q', query);
    await this.page.press('#q', 'Enter');
    await this.page.waitForFunction(
      ({ query, before }) => {
        const root = document.querySelector<HTMLElement>('[data-search]');
        const count = Number(root?.dataset.searchCount ?? 0);
        return new URLSearchParams(location.search).get('q') === query.trim() && count > before && root?.dataset.searchDone === root?.dataset.searchCount;
      },
      { query, before },
    );
  }
}
