// "Was this helpful?" without a server: votes go to the configured endpoint when there is one,
// and always into localStorage, so the widget remembers the reader's vote and nothing is lost offline.
export const FEEDBACK_KEY = 'kb-feedback';

export interface FeedbackRecord {
  article: string;
  locale: string;
  vote: 'yes' | 'no';
  comment?: string;
  at: string;
}

function readAll(): FeedbackRecord[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(FEEDBACK_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as FeedbackRecord[]) : [];
  } catch {
    return [];
  }
}

function save(record: FeedbackRecord): void {
  const others = readAll().filter((existing) => existing.article !== record.article || existing.locale !== record.locale);
  try {
    localStorage.setItem(FEEDBACK_KEY, JSON.stringify([...others, record].slice(-200)));
  } catch {
    // Storage full or disabled: the endpoint (if any) still gets the vote.
  }
}

async function send(endpoint: string | undefined, record: FeedbackRecord): Promise<void> {
  if (!endpoint) return;
  try {
    await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record), keepalive: true });
  } catch {
    // Offline or blocked: the local copy stays.
  }
}

/** Wires every `[data-feedback]` widget on the page. */
export function initFeedback(): void {
  for (const widget of document.querySelectorAll<HTMLElement>('[data-feedback]')) {
    const article = widget.dataset.article ?? '';
    const locale = widget.dataset.locale ?? 'en';
    const endpoint = widget.dataset.endpoint;
    const status = widget.querySelector<HTMLElement>('[data-feedback-status]');
    const form = widget.querySelector<HTMLFormElement>('[data-feedback-comment]');
    const buttons = widget.querySelectorAll<HTMLButtonElement>('[data-vote]');
    const thank = () => {
      if (status) status.textContent = status.dataset.thanks ?? '';
    };
    const markVoted = (vote: string) => {
      for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.vote === vote));
    };
    const previous = readAll().find((record) => record.article === article && record.locale === locale);
    if (previous) {
      markVoted(previous.vote);
      thank();
    }
    let current: FeedbackRecord | undefined = previous;
    for (const button of buttons) {
      button.addEventListener('click', () => {
        const vote = button.dataset.vote === 'no' ? 'no' : 'yes';
        current = { article, locale, vote, at: new Date().toISOString() };
        save(current);
        void send(endpoint, current);
        markVoted(vote);
        thank();
        if (form) {
          form.hidden = vote !== 'no';
          if (vote === 'no') form.querySelector('textarea')?.focus();
        }
      });
    }
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      const comment = (form.querySelector('textarea')?.value ?? '').trim().slice(0, 1000);
      if (!current || !comment) return;
      current = { ...current, comment, at: new Date().toISOString() };
      save(current);
      void send(endpoint, current);
      form.hidden = true;
      thank();
    });
  }
}
