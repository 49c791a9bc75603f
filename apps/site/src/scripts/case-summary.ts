// The case form's own part (not the suggestions): secrets redacted in the browser before the case is shown or
// sent, a readable summary, and the product taken from the best matching article until the customer picks one.
import { redact, totalRedactions } from '@nimbus/redact';

/** Labels and names the page renders into data attributes (translated at build time). */
interface SummaryText {
  title: string;
  subject: string;
  product: string;
  severity: string;
  email: string;
  description: string;
  article: string;
  noEndpoint: string;
  redacted: string;
  redactedOne: string;
  nothingRedacted: string;
}
interface Names {
  product: Record<string, string>;
  severity: Record<string, string>;
}

function readJson<T>(value: string | undefined, fallback: T): T {
  try {
    return value ? (JSON.parse(value) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The product of an article page's URL (`/zh-tw/articles/compute/x/` → `compute`): article ids begin with it. */
export function productOfArticleHref(href: string): string | undefined {
  const match = /\/articles\/([a-z0-9-]+)\//.exec(new URL(href, 'http://x').pathname);
  return match?.[1];
}

/**
 * Sets the product select to the product of the first suggestion, as suggestions change, until the customer picks
 * a product themselves. Watches the suggestion list, so it needs nothing from the ranking code.
 */
export function initProductInference(form: HTMLFormElement, list: HTMLElement | null | undefined): void {
  const select = form.querySelector<HTMLSelectElement>('[data-case-product]');
  const hint = form.querySelector<HTMLElement>('[data-product-hint]');
  if (!select || !list) return;
  let chosenByCustomer = false;
  select.addEventListener('change', () => {
    chosenByCustomer = true;
    if (hint) hint.hidden = true;
  });
  new MutationObserver(() => {
    if (chosenByCustomer) return;
    const first = list.querySelector<HTMLAnchorElement>('li > a[href]');
    const product = first ? productOfArticleHref(first.href) : undefined;
    if (!product || ![...select.options].some((option) => option.value === product)) return;
    select.value = product;
    if (hint) hint.hidden = false;
  }).observe(list, { childList: true, subtree: true });
}

/** Replaces what looks like a secret or personal data in the free-text fields, in place; returns how many. */
export function redactFields(form: HTMLFormElement): number {
  let count = 0;
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name="subject"], textarea[name="description"]')) {
    const { text, counts } = redact(field.value);
    count += totalRedactions(counts);
    if (text !== field.value) field.value = text;
  }
  return count;
}

function row(list: HTMLDListElement, label: string, value: string, pre = false): void {
  if (!value.trim()) return;
  const term = document.createElement('dt');
  term.textContent = label;
  const detail = document.createElement('dd');
  // textContent only: the customer's words are never interpreted as HTML.
  if (pre) detail.append(Object.assign(document.createElement('pre'), { textContent: value.trim() }));
  else detail.textContent = value.trim();
  list.append(term, detail);
}

/** Renders the summary of the (already redacted) form: names instead of ids, no empty lines. */
export function renderSummary(form: HTMLFormElement, output: HTMLElement, redactions: number, showNoEndpoint: boolean): void {
  const text = readJson<Partial<SummaryText>>(form.dataset.summaryLabels, {});
  const names = readJson<Names>(form.dataset.names, { product: {}, severity: {} });
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '');
  const heading = Object.assign(document.createElement('h2'), { textContent: text.title ?? 'Your case' });
  const list = document.createElement('dl');
  row(list, text.subject ?? 'Subject', value('subject'));
  row(list, text.product ?? 'Product', names.product[value('product')] ?? value('product'));
  row(list, text.severity ?? 'Severity', names.severity[value('severity')] ?? value('severity'));
  row(list, text.email ?? 'Contact e-mail', value('email'));
  // The article the customer came from, as the address of its page (an id means nothing to the reader).
  const article = value('article').trim();
  if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(article)) row(list, text.article ?? 'Article', new URL(`/articles/${article}/`, location.origin).href);
  row(list, text.description ?? 'Description', value('description'), true);
  const note = document.createElement('p');
  note.className = 'redaction-note';
  note.textContent = redactions === 0 ? (text.nothingRedacted ?? '') : (redactions === 1 ? text.redactedOne : text.redacted)?.replace('{n}', String(redactions)) ?? '';
  const parts: HTMLElement[] = [heading];
  if (showNoEndpoint) parts.push(Object.assign(document.createElement('p'), { textContent: text.noEndpoint ?? '' }));
  parts.push(list, note);
  output.replaceChildren(...parts);
  output.hidden = false;
}

/**
 * On submit, redacts the free-text fields first (what the customer sees and what is sent are the same redacted
 * text), then posts to the endpoint when there is one, or shows the summary to send another way.
 */
export function initCaseSubmit(form: HTMLFormElement): void {
  form.addEventListener('submit', (event) => {
    const redactions = redactFields(form);
    const summary = form.querySelector<HTMLElement>('[data-case-summary]');
    if (form.dataset.endpoint) {
      if (summary) renderSummary(form, summary, redactions, false);
      return; // the browser posts the redacted fields
    }
    event.preventDefault();
    if (summary) renderSummary(form, summary, redactions, true);
  });
}
