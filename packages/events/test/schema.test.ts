import { describe, expect, it } from 'vitest';
import { eventBatch, redactEvent, siteEvent } from '../src/index.ts';

const base = { id: 'schema-0001', site: 'public', locale: 'en' } as const;

describe('event schema', () => {
  it('accepts each kind of event', () => {
    for (const event of [
      { ...base, type: 'vote', ballot: 'ballot-01', article: 'compute/boot-loop', vote: 'no', reason: 'outdated' },
      { ...base, type: 'search', query: 'disk full', results: 0, filters: { product: ['compute'] } },
      { ...base, type: 'click', search: 'schema-0002', target: 'compute/boot-loop', position: 2 },
      { ...base, type: 'case-form', session: 'session-01', phase: 'end', shown: ['compute/boot-loop'], submitted: false },
      { ...base, type: 'flag', article: 'compute/boot-loop', reason: 'incorrect', text: 'wrong port' },
    ]) {
      expect(siteEvent.safeParse(event).success, event.type).toBe(true);
    }
  });

  it('rejects unknown fields, unbounded text and bad ids', () => {
    expect(siteEvent.safeParse({ ...base, type: 'vote', ballot: 'ballot-01', article: 'compute/boot-loop', vote: 'yes', userAgent: 'x' }).success).toBe(false);
    expect(siteEvent.safeParse({ ...base, type: 'search', query: 'x'.repeat(301), results: 0 }).success).toBe(false);
    expect(siteEvent.safeParse({ ...base, id: 'short', type: 'vote', article: 'compute/boot-loop', vote: 'yes' }).success).toBe(false);
    expect(eventBatch.safeParse({ events: [] }).success).toBe(false);
  });

  it('redacts query, reason and flag text', () => {
    const search = redactEvent(siteEvent.parse({ ...base, type: 'search', query: 'error for bob@example.com', results: 0 }));
    expect(search).toMatchObject({ query: 'error for [redacted:email]' });
    const flag = redactEvent(siteEvent.parse({ ...base, type: 'flag', article: 'compute/boot-loop', reason: 'other', text: 'call +1 415 555 0100' }));
    expect(flag).toMatchObject({ text: 'call [redacted:phone]' });
  });
});
