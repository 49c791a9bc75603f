import { redact } from '@nimbus/redact';
import type { SiteEvent } from './schema.ts';

/** The event with every free text (query, vote reason, flag text) run through the one redactor, ready to store. */
export function redactEvent(event: SiteEvent): SiteEvent {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text).text);
  switch (event.type) {
    case 'search':
      return { ...event, query: clean(event.query)! };
    case 'vote':
      return event.reason === undefined ? event : { ...event, reason: clean(event.reason) };
    case 'flag':
      return event.text === undefined ? event : { ...event, text: clean(event.text) };
    default:
      return event;
  }
}
