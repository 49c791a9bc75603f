// What a customer's browser downloads from a built public site, measured in Chromium as the budget tests do
// (apps/site/test/e2e/search-budgets.test.ts): gzip as a host sends it, Pagefind's own gzip files as they are.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Bytes of one customer's first search, a further query, and a whole case-form session. */
export interface BrowserBytes {
  firstSearch: number;
  furtherQuery: number;
  caseFormSession: number;
  /** Files of the first search, to show what it fetched. */
  firstSearchFiles: number;
}

/** Counts the gzip bytes of every response from now on; `total` waits for the bodies still being read. */
function recordBytes(page: Page): { total: () => Promise<number>; files: () => number } {
  let bytes = 0;
  let files = 0;
  const reading: Array<Promise<void>> = [];
  page.on('response', (response) => {
    reading.push(
      response
        .body()
        .catch(() => Buffer.alloc(0))
        .then((body) => {
          files++;
          bytes += /\/pagefind\/.*\.pf_/.test(response.url()) ? body.length : gzipSync(body).length;
        }),
    );
  });
  return { total: async () => (await Promise.all(reading), bytes), files: () => files };
}

/**
 * Types `query` into the search box and waits until the page has shown its answer: a search counted after the typing
 * (`data-search-count`) is done (`data-search-done`), and the network is idle. Waiting for the status text alone
 * returned at once for a further query, whose page still showed the first one's status.
 */
async function search(page: Page, query: string): Promise<void> {
  const before = Number((await page.getAttribute('[data-search]', 'data-search-count')) ?? 0);
  await page.fill('#q', query);
  await page.waitForFunction(
    ([q, count]) => {
      const root = document.querySelector<HTMLElement>('[data-search]');
      const done = Number(root?.dataset.searchDone ?? 0);
      return new URLSearchParams(location.search).get('q') === q.trim() && done > count && root?.dataset.searchDone === root?.dataset.searchCount;
    },
    [query, before] as const,
    { timeout: 60_000 },
  );
  await page.waitForLoadState('networkidle');
}

/** Serves `dir` on loopback and measures a first search, a further query and a case-form session; undefined without Chromium. */
export async function browserBytes(dir: string): Promise<BrowserBytes | undefined> {
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((candidate) => candidate && existsSync(candidate));
  if (!chrome) return undefined;
  const { chromium } = await import('playwright-core');
  const sirv = (await import('sirv')).default;
  const server: Server = createServer(sirv(dir, { extensions: ['html'] }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
    const bytes = recordBytes(page);
    await search(page, 'Outlook keeps asking for password');
    const firstSearch = await bytes.total();
    const firstSearchFiles = bytes.files();
    await search(page, 'error 0x80070005 when installing updates');
    const furtherQuery = (await bytes.total()) - firstSearch;
    await page.close();

    const form = await browser.newPage();
    const session = recordBytes(form);
    await form.goto(`${base}/support/new-case/`, { waitUntil: 'networkidle' });
    await form.fill('[name="subject"]', 'Outlook keeps asking for password');
    await form.fill('[name="description"]', 'Since the mailbox moved to Exchange Online, Outlook prompts for credentials again and again and never connects.');
    await form.waitForSelector('[data-case-suggestions]:not([hidden]) li a', { timeout: 60_000 });
    await form.waitForLoadState('networkidle');
    const caseFormSession = await session.total();
    await form.close();
    return { firstSearch, furtherQuery, caseFormSession, firstSearchFiles };
  } finally {
    await browser.close();
    server.close();
  }
}
