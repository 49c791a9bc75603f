import { loadIndex, rank, type CaseIndex } from '@nimbus/case-index/core';
import { initCaseSubmit, initProductInference, inPageLocale } from './case-summary.ts';

// The case form posts to the configured endpoint; without one it shows a summary the customer can send another way.
// As the customer types, the articles that most likely solve the problem appear beside the form: the same ranking
// as `kb suggest`, over this site's articles only, from a small index fetched on first input.

let indexPromise: Promise<CaseIndex> | undefined;
const caseIndex = () => (indexPromise ??= fetch('/case-index.json').then(async (response) => loadIndex(await response.text())));

/** The URL of an indexed article (`zh-tw/compute/x` → `/zh-tw/articles/compute/x/`): the page of the language it is written in. */
function articleHref(path: string, _pageLocale: string): string {
  const [locale, ...id] = path.split('/');
  return `${locale === 'zh-tw' ? '/zh-tw' : ''}/articles/${id.join('/')}/`;
}

function renderSuggestions(list: HTMLElement, results: ReturnType<typeof rank>, pageLocale: string): void {
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      const link = Object.assign(document.createElement('a'), { href: articleHref(result.path, pageLocale), textContent: result.title });
      item.append(link);
      const why = [...result.evidence.signatures.map((signature) => signature.text), ...result.evidence.terms.slice(0, 3)];
      if (why.length > 0) {
        const evidence = document.createElement('p');
        evidence.className = 'meta';
        // textContent only: the customer's words are never interpreted as HTML.
        evidence.textContent = `${list.dataset.matched ?? 'Matched'}: ${why.join(', ')}`;
        item.append(evidence);
      }
      return item;
    }),
  );
}

export function initCaseForm(): void {
  const form = document.querySelector<HTMLFormElement>('[data-case-form]');
  if (!form) return;
  const params = new URLSearchParams(location.search);
  for (const field of form.querySelectorAll<HTMLInputElement>('[data-from-query]')) {
    field.value = params.get(field.dataset.fromQuery ?? '') ?? '';
  }

  const panel = document.querySelector<HTMLElement>('[data-case-suggestions]');
  const list = panel?.querySelector<HTMLElement>('ol');
  const subject = form.querySelector<HTMLInputElement>('[name="subject"]');
  const description = form.querySelector<HTMLTextAreaElement>('[name="description"]');
  const pageLocale = location.pathname.split('/')[1] === 'zh-tw' ? 'zh-tw' : 'en';
  let timer: number | undefined;
  const suggest = async () => {
    if (!panel || !list || !subject || !description) return;
    const text = { subject: subject.value, body: description.value };
    if ((text.subject + text.body).trim().length < 3) {
      panel.hidden = true;
      return;
    }
    const index = await caseIndex();
    const results = inPageLocale(index, rank(index, text, { top: 6, filter: (doc) => doc.kind === 'article' }), pageLocale).slice(0, 3);
    renderSuggestions(list, results, pageLocale);
    panel.hidden = results.length === 0;
  };
  for (const field of [subject, description]) {
    field?.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void suggest(), 250);
    });
  }

  initProductInference(form, list);
  initCaseSubmit(form);
}
