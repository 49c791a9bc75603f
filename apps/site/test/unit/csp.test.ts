import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, themeBootScript } from '../../src/lib/csp.ts';

const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('allows the collector and the case endpoint by origin, a relative endpoint as the site itself', () => {
    const policy = contentSecurityPolicy({ feedbackEndpoint: 'https://events.example.com/v1/events', caseEndpoint: '/cases' });
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' https://events.example.com");
    expect(directive(policy, 'form-action')).toBe("form-action 'self'");
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it('hashes the theme script and leaves out what a meta policy ignores', () => {
    const policy = contentSecurityPolicy({}, true);
    expect(directive(policy, 'script-src')).toBe(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${createHash('sha256').update(themeBootScript).digest('base64')}'`);
    expect(directive(policy, 'frame-ancestors')).toBeUndefined();
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
  });

  it('gives each set of endpoints its own policy when asked again (policies are kept per set)', () => {
    const first = contentSecurityPolicy({ eventsReadUrl: 'https://read.example.com/api' });
    const second = contentSecurityPolicy({ eventsReadUrl: 'https://other.example.com/api' });
    expect(directive(first, 'connect-src')).toBe("connect-src 'self' https://read.example.com");
    expect(directive(second, 'connect-src')).toBe("connect-src 'self' https://other.example.com");
    expect(contentSecurityPolicy({ eventsReadUrl: 'https://read.example.com/api' })).toBe(first);
    expect(contentSecurityPolicy({ eventsReadUrl: 'not a url' })).toBe(contentSecurityPolicy({}));
  });
});
