// The loop, end to end: `npm start` (scripts/start.ts) builds both sites to send to the collector and serves all
// three; a real Chromium votes, flags, searches for something no article has, opens the case form and leaves; then
// `kb report --events --format json` shows exactly that (DESIGN.md contract 7).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'kb-loop-'));
const store = path.join(dir, 'events.sqlite');
const token = `loop-token-${process.pid}-0123456789`;
const port = 30_000 + (process.pid % 5_000) * 4;
const publicUrl = `http://127.0.0.1:${port}`;
const zeroQuery = 'flibbertigibbet wobblequark';

function chromePath(): string {
  const found = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('No Chromium found: install Debian\'s `chromium` package or set CHROME_PATH');
  return found;
}

/** Every file under a folder, for the leak check. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => path.join(folder, name)).filter((file) => statSync(file).isFile());
}

function kbReport(): Record<string, unknown> {
  const result = spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/kb.js'), 'report', '--events', store, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kb report failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('npm start: sites and collector, end to end', () => {
  let start: ChildProcess;
  let browser: Browser;

  beforeAll(async () => {
    start = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), KB_EVENTS_DATABASE_URL: store, KB_EVENTS_READ_TOKEN: token, KB_PUBLIC_OUT: path.join(dir, 'public'), KB_INTERNAL_OUT: path.join(dir, 'internal') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        // The last of the four servers to start prints the read API's line.
        if (output.includes('Knowledge center (internal)') && output.includes('Event read API')) resolve();
      };
      start.stdout!.on('data', seen);
      start.stderr!.on('data', seen);
      start.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-3000)}`)));
    });
    browser = await chromium.launch({ executablePath: chromePath(), args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (start && start.exitCode === null) {
      start.kill('SIGTERM');
      await once(start, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a vote with its reason, a flag, a zero-result search and a case-form session left without a case', async () => {
    const articles = path.join(dir, 'public', 'articles');
    const product = readdirSync(articles).find((name) => statSync(path.join(articles, name)).isDirectory())!;
    const slug = readdirSync(path.join(articles, product)).find((name) => existsSync(path.join(articles, product, name, 'index.html')))!;
    const article = `${product}/${slug}`;

    const page = await browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${publicUrl}/articles/${article}/`);
    await page.click('[data-vote="no"]');
    await page.fill('#feedback-comment', 'Step 2 fails; write to me at reader@example.com');
    await page.click('[data-feedback-comment] button[type="submit"]');
    await page.click('[data-flag] summary');
    await page.selectOption('#flag-reason', 'outdated');
    await page.fill('#flag-text', 'The console looks different now');
    await page.click('[data-flag-form] button[type="submit"]');

    await page.goto(`${publicUrl}/search/?q=${encodeURIComponent(zeroQuery)}`);
    await expect.poll(() => page.textContent('[data-search-status]'), { timeout: 15_000 }).not.toBe('');
    expect(await page.locator('[data-search-results] li').count()).toBe(0);

    await page.goto(`${publicUrl}/support/new-case/`);
    await page.waitForLoadState('load');
    // Leaving: pagehide sends the search (on the way out of the search page) and the case-form end by beacon.
    await page.goto(`${publicUrl}/`);
    await page.close();
    expect(errors).toEqual([]);

    await expect.poll(() => (kbReport().caseForm as { notSubmitted: number }).notSubmitted, { timeout: 15_000 }).toBe(1);
    const report = kbReport();
    expect(report.votes).toEqual({ [article]: { yes: 0, no: 1 } });
    expect(report.zeroResults).toEqual([{ query: zeroQuery, count: 1 }]);
    expect(report.caseForm).toMatchObject({ started: 1, submitted: 0, notSubmitted: 1 });
    const text = JSON.stringify(report);
    expect(text).toContain('[redacted:email]');
    expect(text).not.toContain('reader@example.com');
    expect(text).toContain('The console looks different now');
  });

  it('puts the read API and its token in the internal build only, and the internal reports page shows the figures', async () => {
    for (const file of filesUnder(path.join(dir, 'public'))) {
      const content = readFileSync(file, 'latin1');
      expect(content.includes(token), file).toBe(false);
      expect(content.includes(`127.0.0.1:${port + 3}`), file).toBe(false);
    }
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port + 1}/reports/`);
    await expect.poll(() => page.textContent('[data-events-status]'), { timeout: 15_000 }).toMatch(/read from the event collector just now/);
    expect(await page.textContent('[data-events-gaps]')).toContain(zeroQuery);
    await page.close();
  });

  it('keeps the pages working while the collector cannot be reached, and sends the kept events on a later page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    const intake = `http://127.0.0.1:${port + 2}/**`;
    // The collector is unreachable: every request to it fails as a refused connection would.
    await page.route(intake, (route) => route.abort('connectionrefused'));
    await page.goto(`${publicUrl}/search/?q=timeout`);
    await expect.poll(() => page.locator('[data-search-results] li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.click('[data-search-results] li:first-child a');
    await page.waitForLoadState('load');
    await page.click('[data-vote="yes"]');
    await expect.poll(() => page.textContent('[data-feedback-status]'), { timeout: 15_000 }).not.toBe('');
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('kb-events-outbox') ?? '[]').length), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);

    // Back online: the next page with the events client sends what the earlier ones kept (same ids: never twice).
    await page.unroute(intake);
    const before = kbReport().totals as { clicks: number };
    await page.goto(`${publicUrl}/search/`);
    await expect.poll(() => (kbReport().totals as { clicks: number }).clicks, { timeout: 15_000 }).toBe(before.clicks + 1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('kb-events-outbox')), { timeout: 15_000 }).toBeNull();
    await context.close();
  });
});
