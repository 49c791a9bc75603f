// Case-form session events, kept out of case-form.ts so that file only calls a few hooks. A session starts when the
// form page opens and ends once: submitted, or left (page hidden for good) without a case.
import { flushEvents, newEventId, trackEvent } from './events.ts';

/** What the case form reports about its session. */
export interface CaseFormSession {
  /** The form suggested these articles (ids, e.g. `compute/x`). */
  shown(ids: readonly string[]): void;
  /** The customer submitted the form. */
  submitted(): void;
}

/** Hook: starts the session of the case form on this page; `panel` holds the suggested articles' links. */
export function startCaseFormSession(panel: HTMLElement | null): CaseFormSession {
  const session = newEventId();
  const shown = new Set<string>();
  const clicked = new Set<string>();
  let ended = false;
  const end = (submitted: boolean) => {
    if (ended) return;
    ended = true;
    // Submitted: send now (fetch keepalive outlives the form's navigation). Left: the page is going, use a beacon.
    trackEvent({ type: 'case-form', session, phase: 'end', shown: [...shown].slice(0, 50), clicked: [...clicked].slice(0, 50), submitted }, { now: submitted });
    if (!submitted) flushEvents(true);
  };
  try {
    trackEvent({ type: 'case-form', session, phase: 'start' });
    addEventListener('pagehide', () => end(false));
    panel?.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      const match = link ? /\/articles\/([a-z0-9-]+\/[a-z0-9-]+)\/?$/.exec(new URL(link.href, location.href).pathname) : null;
      if (match) clicked.add(match[1]!);
    });
  } catch {
    // Measurement never breaks the form.
  }
  return {
    shown: (ids) => {
      for (const id of ids) if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(id)) shown.add(id);
    },
    submitted: () => end(true),
  };
}
