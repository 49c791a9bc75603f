import { manifestDocuments } from '@nimbus/search-index';
import { documentHref, siteSearch } from './site-search-index.ts';
import { startCaseFormSession } from './case-form-events.ts';
import { initCaseSubmit, initProductInference } from './case-summary.ts';

// The case form posts to the configured endpoint; without one it shows a summary the customer can send another way.
// As the customer types, the articles that most likely solve the problem appear beside the form: the same ranking
// as `kb suggest`, over this site's articles only, reading only the index shards of the words typed.

interface Suggestion {
  /** The article's id (`<product>/<slug>`), the same in every language. */
  id: string;
  href: string;
  title: string;
  why: string[];
}

/** The best articles for what the customer typed, shown in the page's language when translated. */
async function suggestionsFor(text: { subject: string; body: string }, pageLocale: string): Promise<Suggestion[]> {
  const engine = siteSearch();
  const manifest = await engine.manifest();
  const docs = manifestDocuments(manifest);
  const { results } = await engine.search(text, { top: 3, filter: (doc) => doc.kind === 'article', correct: false });
  return Promise.all(
    results.map(async (result) => {
      let doc = result.doc;
      if (pageLocale === 'zh-tw' && docs[doc]!.locale !== 'zh-TW') {
        doc = manifest.groups.find((members) => members.includes(doc))?.find((member) => docs[member]!.locale === 'zh-TW') ?? doc;
      }
      const file = await engine.document(doc);
      return {
        id: file.id,
        // The page of the language the article is written in: an untranslated article has no zh-TW page.
        href: documentHref(file.kind, file.id, file.locale),
        title: file.title,
        why: [...result.evidence.signatures.map((signature) => signature.text), ...result.evidence.terms.slice(0, 3)],
      };
    }),
  );
}

function renderSuggestions(list: HTMLElement, results: readonly Suggestion[]): void {
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      const link = Object.assign(document.createElement('a'), { href: result.href, textContent: result.title });
      item.append(link);
      if (result.why.length > 0) {
        const evidence = document.createElement('p');
        evidence.className = 'meta';
        // textContent only: the customer's words are never interpreted as HTML.
        evidence.textContent = `${list.dataset.matched ?? 'Matched'}: ${result.why.join(', ')}`;
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
  const session = startCaseFormSession(panel ?? null);
  let timer: number | undefined;
  // One suggestion request at a time: typing meanwhile is answered once the running one is done.
  let running = false;
  let again = false;
  const suggest = async () => {
    if (!panel || !list || !subject || !description) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const text = { subject: subject.value, body: description.value };
        if ((text.subject + text.body).trim().length < 3) {
          panel.hidden = true;
          continue;
        }
        const results = await suggestionsFor(text, pageLocale).catch(() => []);
        renderSuggestions(list, results);
        session.shown(results.map((result) => result.id));
        panel.hidden = results.length === 0;
      } while (again);
    } finally {
      running = false;
    }
  };
  for (const field of [subject, description]) {
    field?.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void suggest(), 250);
    });
  }

  form.addEventListener('submit', () => session.submitted());
  initProductInference(form, list);
  initCaseSubmit(form);
}
