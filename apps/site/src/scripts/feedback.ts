// "Was this helpful?" and "Flag this article": votes, reasons and flags go to the event collector (events.ts); the
// vote is also kept in localStorage, so the widget remembers the reader's vote on the next visit.
import { newEventId, trackEvent } from './events.ts';

export const FEEDBACK_KEY = 'kb-feedback';

export interface FeedbackRecord {
  article: string;
  locale: string;
  vote: 'yes' | 'no';
  comment?: string;
  at: string;
}

const FLAG_REASONS = ['outdated', 'incorrect', 'unclear', 'broken', 'other'] as const;

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
    // Storage full or disabled: the collector (if any) still gets the vote.
  }
}

/** Wires the vote buttons and the reason form of one widget. */
function initVotes(widget: HTMLElement, article: string, locale: string): void {
  const status = widget.querySelector<HTMLElement>('[data-feedback-status]');
  const form = widget.querySelector<HTMLFormElement>('[data-feedback-comment]');
  const buttons = widget.querySelectorAll<HTMLButtonElement>('[data-vote]');
  // One ballot per widget and page view: changing the vote or adding a reason replaces, never adds, a vote.
  const ballot = newEventId();
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
      trackEvent({ type: 'vote', ballot, article, vote });
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
    trackEvent({ type: 'vote', ballot, article, vote: current.vote, reason: comment }, { now: true });
    form.hidden = true;
    thank();
  });
}

/** Wires the "flag this article" form of one widget. */
function initFlag(widget: HTMLElement, article: string): void {
  const form = widget.querySelector<HTMLFormElement>('[data-flag-form]');
  const status = widget.querySelector<HTMLElement>('[data-flag-status]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = String(data.get('reason') ?? 'other');
    const reason = FLAG_REASONS.find((known) => known === chosen) ?? 'other';
    const text = String(data.get('text') ?? '').trim().slice(0, 1000);
    trackEvent({ type: 'flag', article, reason, ...(text ? { text } : {}) }, { now: true });
    form.hidden = true;
    if (status) status.textContent = status.dataset.thanks ?? '';
  });
}

/** Wires every `[data-feedback]` widget on the page. */
export function initFeedback(): void {
  for (const widget of document.querySelectorAll<HTMLElement>('[data-feedback]')) {
    const article = widget.dataset.article ?? '';
    const locale = widget.dataset.locale ?? 'en';
    initVotes(widget, article, locale);
    initFlag(widget, article);
  }
}
