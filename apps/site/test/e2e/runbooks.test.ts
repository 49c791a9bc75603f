import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultRunbooksDir, loadRunbooks, type Runbook } from '@nimbus/runbooks';
import { launchBrowser, trackPageErrors } from './browser.ts';
import { buildSite } from '../build-site.ts';
import { sampleContentDir } from '../content-fixture.ts';

const internalUrl = inject('internalUrl');
const publicUrl = inject('publicUrl');
let browser: Browser;
let runbooks: Runbook[];
let runbook: Runbook;

beforeAll(async () => {
  browser = await launchBrowser();
  runbooks = (await loadRunbooks()).runbooks;
  runbook = runbooks.find((candidate) => candidate.id === 'vm-unreachable')!;
});
afterAll(async () => browser?.close());

const pageUrl = (id: string) => `${internalUrl}/runbooks/${id}/`;

/** A fresh context (empty storage) and a page in it; the clipboard is readable. */
async function open(url: string): Promise<{ context: BrowserContext; page: Page; errors: Error[] }> {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors = trackPageErrors(page);
  await page.goto(url);
  return { context, page, errors };
}

describe('runbook index (internal site)', () => {
  test('lists every runbook by area and by trigger, and the header links to it', async () => {
    const { context, page } = await open(`${internalUrl}/`);
    await page.click('.main-nav a[href="/runbooks/"]');
    await page.waitForURL('**/runbooks/');
    expect(await page.textContent('h1')).toBe('Runbooks');
    const links = await page.$$eval('section[aria-labelledby="by-area"] .article-list li > a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(new Set(links)).toEqual(new Set(runbooks.map((candidate) => `/runbooks/${candidate.id}/`)));
    const areas = await page.$$eval('section[aria-labelledby="by-area"] h3', (headings) => headings.map((h) => h.textContent));
    expect(areas.length).toBeGreaterThanOrEqual(4);
    const triggerRow = page.locator('.runbook-triggers tr', { hasText: 'PLEG is not healthy' });
    expect(await triggerRow.locator('a').getAttribute('href')).toBe('/runbooks/kubernetes-node-notready/');
    await context.close();
  });
});

describe('runbook page (internal site)', () => {
  test('the checklist survives a reload, and Reset clears it', async () => {
    const { context, page, errors } = await open(pageUrl(runbook.id));
    const first = runbook.steps[0]!.id;
    const second = runbook.steps[1]!.id;
    await page.check(`[data-step-done="${first}"]`);
    await page.check(`[data-step-done="${second}"]`);
    expect(await page.textContent('[data-progress]')).toBe(`2 of ${runbook.steps.length} steps done`);
    await page.reload();
    expect(await page.isChecked(`[data-step-done="${first}"]`)).toBe(true);
    expect(await page.isChecked(`[data-step-done="${second}"]`)).toBe(true);
    expect(await page.isChecked(`[data-step-done="${runbook.steps[2]!.id}"]`)).toBe(false);
    expect(await page.getAttribute(`#step-${first}`, 'class')).toContain('is-done');
    await page.click('[data-reset]');
    await page.reload();
    expect(await page.isChecked(`[data-step-done="${first}"]`)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the checklist works from the keyboard', async () => {
    const { context, page } = await open(pageUrl(runbook.id));
    await page.focus(`[data-step-done="${runbook.steps[0]!.id}"]`);
    await page.keyboard.press('Space');
    expect(await page.isChecked(`[data-step-done="${runbook.steps[0]!.id}"]`)).toBe(true);
    await context.close();
  });

  test('parameters fill the commands as L2 types; an invalid value is flagged and not used', async () => {
    const { context, page, errors } = await open(pageUrl(runbook.id));
    const command = page.locator('#step-instance-state [data-command]').first();
    expect(await command.textContent()).toContain('--instance-id {instanceId} --region {region}');
    await page.fill('#param-instanceId', 'i-0abc4f2e9d81c7a53');
    await page.fill('#param-region', 'eu-central-1');
    expect(await command.textContent()).toContain('--instance-id i-0abc4f2e9d81c7a53 --region eu-central-1');
    // The step title and the terminal command use the same values.
    await page.fill('#param-port', '22');
    expect(await page.textContent('#step-security-group-title')).toContain('allows TCP 22 from');
    await page.fill('#param-port', '22/tcp');
    expect(await page.getAttribute('#param-port', 'aria-invalid')).toBe('true');
    expect(await page.isVisible('#param-port-error')).toBe(true);
    expect(await page.textContent('#step-security-group-title')).toContain('allows TCP {port} from');
    // Values survive a reload of the tab.
    await page.reload();
    expect(await page.inputValue('#param-instanceId')).toBe('i-0abc4f2e9d81c7a53');
    expect(await command.textContent()).toContain('--instance-id i-0abc4f2e9d81c7a53');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a copy button copies the filled command', async () => {
    const { context, page, errors } = await open(pageUrl(runbook.id));
    await page.fill('#param-instanceId', 'i-0abc4f2e9d81c7a53');
    await page.fill('#param-region', 'eu-central-1');
    const block = page.locator('#step-instance-state .command').first();
    const expected = await block.locator('[data-command]').textContent();
    await block.locator('[data-copy]').click();
    await expect.poll(() => page.textContent('[data-copy-status]')).toBe('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(expected).toContain('nimbus compute instance describe --instance-id i-0abc4f2e9d81c7a53 --region eu-central-1');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('without the Clipboard API, copy falls back to a selection', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
      const copied: string[] = [];
      (window as unknown as { copied: string[] }).copied = copied;
      document.addEventListener('copy', () => copied.push((document.activeElement as HTMLTextAreaElement | null)?.value ?? ''));
    });
    await page.goto(pageUrl(runbook.id));
    const expected = await page.locator('#step-instance-state [data-command]').first().textContent();
    await page.locator('#step-instance-state [data-copy]').first().click();
    await expect.poll(() => page.textContent('[data-copy-status]')).toBe('Copied to the clipboard');
    expect(await page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([expected]);
    await context.close();
  });

  test('change steps are clearly marked, each with its rollback', async () => {
    const { context, page } = await open(pageUrl(runbook.id));
    const changes = runbook.steps.filter((step) => step.kind === 'change').map((step) => step.id);
    expect(changes.length).toBeGreaterThan(0);
    expect(await page.$$eval('[data-kind="change"]', (steps) => steps.map((step) => step.getAttribute('data-step')))).toEqual(changes);
    for (const id of changes) {
      const step = page.locator(`#step-${id}`);
      expect(await step.locator('[data-change-badge]').textContent()).toMatch(/^Change · needs (the customer's consent|L3 approval)$/);
      expect(await step.locator('.change-warning').textContent()).toContain("This step modifies the customer's resources.");
      expect(await step.locator('.rollback h4').textContent()).toBe('Rollback of this step');
      // The mark is visible, not only a class: a thick border in the danger colour.
      expect(await step.evaluate((element) => getComputedStyle(element).borderLeftWidth)).toBe('8px');
    }
    expect(await page.locator('[data-kind="diagnose"] [data-change-badge]').count()).toBe(0);
    await context.close();
  });

  test('shows the version and this runbook\'s changelog, and what changed since the version last opened', async () => {
    const { context, page } = await open(pageUrl(runbook.id));
    const version = await page.getAttribute('[data-runbook]', 'data-version');
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await page.textContent('.eyebrow')).toContain(`version ${version}`);
    expect(await page.textContent('.runbook-changelog')).toContain(runbook.id);
    // First visit: nothing to compare with; the version is remembered.
    expect(await page.isVisible('[data-whats-new]')).toBe(false);
    expect(await page.evaluate((id) => localStorage.getItem(`kb-runbook-seen:${id}`), runbook.id)).toBe(JSON.stringify(version));
    // An engineer who last opened an older version sees the entries since then, once.
    await page.evaluate((id) => localStorage.setItem(`kb-runbook-seen:${id}`, JSON.stringify('0.0.1')), runbook.id);
    await page.reload();
    expect(await page.isVisible('[data-whats-new]')).toBe(true);
    expect(await page.textContent('[data-seen-version]')).toBe('0.0.1');
    const visible = page.locator('[data-whats-new] li:not([hidden])');
    expect(await visible.count()).toBeGreaterThan(0);
    expect(await visible.first().textContent()).toContain(runbook.id);
    await page.reload();
    expect(await page.isVisible('[data-whats-new]')).toBe(false);
    await context.close();
  });

  test('the print layout hides the tools and keeps steps, commands and change marks', async () => {
    const { context, page } = await open(pageUrl(runbook.id));
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.site-header')).toBe(false);
    expect(await page.isVisible('[data-print]')).toBe(false);
    expect(await page.locator('[data-copy]').first().isVisible()).toBe(false);
    expect(await page.locator('[data-command]').first().isVisible()).toBe(true);
    expect(await page.locator('[data-change-badge]').first().isVisible()).toBe(true);
    await context.close();
  });

  test('the severity-triage runbook shows the provider\'s severity definitions in its first step', async () => {
    const { context, page } = await open(pageUrl('severity-triage'));
    const first = page.locator('.runbook-step').first();
    expect(await first.getAttribute('data-step')).toBe('check-chosen-severity');
    expect(await first.locator('.severity-table tbody tr').count()).toBe(4);
    expect(await first.locator('.severity-table').textContent()).toContain('A production system is down or unusable for all users');
    await context.close();
  });

  // axe on the runbook pages (index, a runbook, the triage runbook) at both widths and themes: the screenshot
  // matrix (page-kinds.ts).
});

describe('articles and runbooks', () => {
  test('the internal article page lists its runbooks', async () => {
    const { context, page } = await open(`${internalUrl}/articles/compute/ssh-connection-timed-out/`);
    const links = await page.$$eval('.article-runbooks a', (anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toContain('/runbooks/vm-unreachable/');
    await context.close();
  });

  test('the public site has no runbook pages, no runbook link and no runbook list', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of ['/runbooks/', '/runbooks/vm-unreachable/', '/runbooks/severity-triage/']) {
      const response = await page.goto(`${publicUrl}${path}`);
      expect(response?.status(), path).toBe(404);
    }
    await page.goto(`${publicUrl}/articles/compute/ssh-connection-timed-out/`);
    expect(await page.locator('.article-runbooks').count()).toBe(0);
    expect(await page.locator('a[href^="/runbooks/"]').count()).toBe(0);
    expect(await page.content()).not.toContain(runbook.title);
    await context.close();
  });
});

describe('a broken runbook never half-renders', () => {
  test('the build stops with path:line:col and the rule, no stack trace, and keeps the previous output', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'kb-runbook-build-'));
    const previousDir = process.env.KB_RUNBOOKS_DIR;
    try {
      const runbooksDir = path.join(workDir, 'runbooks');
      await cp(defaultRunbooksDir(), runbooksDir, { recursive: true });
      const file = path.join(runbooksDir, 'vm-unreachable.mdx');
      const source = await readFile(file, 'utf8');
      expect(source).toContain('<Expected>`state` is `running`');
      await writeFile(file, source.replace(/<Expected>`state` is `running`[^\n]*\n/, ''));
      const previous = path.join(workDir, 'out/dist-internal');
      await mkdir(previous, { recursive: true });
      await writeFile(path.join(previous, 'index.html'), 'previous build');
      process.env.KB_RUNBOOKS_DIR = runbooksDir;
      const result = await buildSite(sampleContentDir, path.join(workDir, 'out'));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/runbooks\/vm-unreachable\.mdx:\d+:1: error: Missing `<Expected>` in step `instance-state`, expected the result that lets L2 continue \(missing-expected\)/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(await readFile(path.join(previous, 'index.html'), 'utf8')).toBe('previous build');
    } finally {
      if (previousDir === undefined) delete process.env.KB_RUNBOOKS_DIR;
      else process.env.KB_RUNBOOKS_DIR = previousDir;
      await rm(workDir, { recursive: true, force: true });
    }
  }, 240_000);
});
