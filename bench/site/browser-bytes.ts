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

/** Counts the gzip bytes of every response from now on. */
function recordBytes(page: Page): { total: () => number; files: () => number } {
  let bytes = 0;
  let files = 0;
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    files++;
    bytes += /\/pagefind\/.*\.pf_/.test(response.url()) ? body.length : gzipSync(body).length;
  });
  return { total: () => bytes, files: () => files };
}

/** Waits until the search page shows its answer to `query`. */
async function searched(page: Page, query: string): Promise<void> {
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q.trim() && (document.querySelector('[data-search-status]')?.textContent ?? '') !== '', query, { timeout: 60_000 });
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
    const search = recordBytes(page);
    await page.fill('#q', 'Outlook keeps asking for password');
    await searched(page, 'Outlook keeps asking for password');
    const firstSearch = search.total();
    const firstSearchFiles = search.files();
    await page.fill('#q', 'error 0x80070005 when installing updates');
    await searched(page, 'error 0x80070005 when installing updates');
    const furtherQuery = search.total() - firstSearch;
    await page.close();

    const form = await browser.newPage();
    const session = recordBytes(form);
    await form.goto(`${base}/support/new-case/`, { waitUntil: 'networkidle' });
    await form.fill('[name="subject"]', 'Outlook keeps asking for password');
    await form.fill('[name="description"]', 'Since the mailbox moved to Exchange Online, Outlook prompts for credentials again and again and never connects.');
    await form.waitForSelector('[data-case-suggestions]:not([hidden]) li a', { timeout: 60_000 });
    await form.waitForLoadState('networkidle');
    const caseFormSession = session.total();
    await form.close();
    return { firstSearch, furtherQuery, caseFormSession, firstSearchFiles };
  } finally {
    await browser.close();
    server.close();
  }
}
