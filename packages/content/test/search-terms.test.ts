import { describe, expect, it } from 'vitest';
import { codeVariants, focusQuery, joinCode, normalizeQuery } from '../src/search-terms.ts';

describe('joinCode', () => {
  it.each([
    ['InvalidParameterValue.Subnet', 'invalidparametervaluesubnet'],
    ['5.7.57', '5757'],
    ['403.14', '40314'],
    ['ERR_CONNECTION_RESET', 'errconnectionreset'],
    ['169.254.0.53', '169254053'],
    ['x86-64', 'x8664'],
    ['10:30', '1030'],
  ])('%s → %s', (token, joined) => {
    expect(joinCode(token)).toBe(joined);
  });
});

describe('normalizeQuery', () => {
  it.each([
    ['InvalidParameterValue.Subnet', 'invalidparametervaluesubnet'],
    ['5.7.57', '5757'],
    ['403.14', '40314'],
    ['ERR_CONNECTION_RESET', 'errconnectionreset'],
    ['E_ACCESSDENIED', 'eaccessdenied'],
  ])('joins the code %s → %s', (query, normalized) => {
    expect(normalizeQuery(query)).toBe(normalized);
  });

  it.each(['0x80070005', 'AccessDenied', 'NXDOMAIN', 'SERVFAIL', '403'])('leaves %s (no inner separator) untouched', (query) => {
    expect(normalizeQuery(query)).toBe(query);
  });

  it.each(['load-balancer', 'e.g.', 'i.e. the bucket', 'api.example.com', 'read-only file system', 'Wi-Fi', 'pre-signed URL'])(
    'leaves the prose %j untouched',
    (query) => {
      expect(normalizeQuery(query)).toBe(query);
    },
  );

  it.each([
    ['530 5.7.57 Client not authenticated', '530 5757 Client not authenticated'],
    ['HTTP Error 403.14 - Forbidden', 'HTTP Error 40314 - Forbidden'],
    ['net::ERR_CONNECTION_RESET in Chrome', 'net::errconnectionreset in Chrome'],
    ['load-balancer returns InvalidParameterValue.Subnet', 'load-balancer returns invalidparametervaluesubnet'],
    ['e.g. 5.7.57 or 403.14', 'e.g. 5757 or 40314'],
    ['AccessDenied 0x80070005 on e.g. VSS', 'AccessDenied 0x80070005 on e.g. VSS'],
  ])('rewrites only the code-like tokens of %j', (query, normalized) => {
    expect(normalizeQuery(query)).toBe(normalized);
  });

  it('trims the query', () => {
    expect(normalizeQuery('  5.7.57  ')).toBe('5757');
    expect(normalizeQuery('   ')).toBe('');
  });
});

describe('codeVariants', () => {
  it('returns the joined form of every code-like token, in order', () => {
    expect(codeVariants('The relay answers 530 5.7.57 Client not authenticated, then IIS shows 403.14.')).toEqual(['5757', '40314']);
    expect(codeVariants('Chrome shows net::ERR_CONNECTION_RESET; the API returns InvalidParameterValue.Subnet.')).toEqual([
      'errconnectionreset',
      'invalidparametervaluesubnet',
    ]);
  });

  it('skips prose and tokens without inner separators', () => {
    expect(codeVariants('Restart the load-balancer, e.g. from the console. AccessDenied 0x80070005')).toEqual([]);
    expect(codeVariants('')).toEqual([]);
  });

  it('takes each token whole from the start of its word, in any script, and never a part of a word', () => {
    expect(codeVariants('see xERR_CONNECTION_RESET, 錯誤碼E_FAIL.2 and v2.3 (not 2.3.)')).toEqual(['xerrconnectionreset', '錯誤碼efail2', 'v23', '23']);
    expect(normalizeQuery('abcERR_X.y')).toBe('abcerrxy');
  });

  it('has no duplicates, also when two spellings join to the same code', () => {
    expect(codeVariants('5.7.57 and again 5.7.57, or 5-7-57')).toEqual(['5757']);
    expect(codeVariants('ERR_CONNECTION_RESET vs err-connection-reset vs Err.Connection.Reset')).toEqual(['errconnectionreset']);
  });

  it('agrees with normalizeQuery: a query token hits the variant a page indexes', () => {
    const page = 'SMTP relay rejects mail with 530 5.7.57 Client not authenticated to send mail';
    for (const term of normalizeQuery('530 5.7.57').split(' ')) {
      const indexed = [...page.toLowerCase().split(/\s+/), ...codeVariants(page)];
      expect(indexed).toContain(term);
    }
  });
});

describe('codeVariants without hyphenated tokens', () => {
  it('keeps dotted and underscored codes and drops ids and regions that Pagefind already matches by parts', () => {
    const text = 'Error: InvalidParameterValue.Subnet for subnet-0c41d7e2b9a5f3816 in eu-central-1a; SMTP 5.7.57; ERR_CONNECTION_RESET';
    expect(codeVariants(text, { hyphenated: false })).toEqual(['invalidparametervaluesubnet', '5757', 'errconnectionreset']);
    expect(codeVariants(text)).toContain('subnet0c41d7e2b9a5f3816');
  });
});

describe('focusQuery', () => {
  it.each([
    ['error 0x80070005', '0x80070005'],
    ['How to fix the SSH timeout', 'SSH timeout'],
    ['Error  code   5757', '5757'],
    ['error', 'error'],
    ['how to fix the error', 'how to fix the error'],
    ['ssh permission denied', 'ssh permission denied'],
    ['  ', ''],
  ])('%j → %j', (query, expected) => {
    expect(focusQuery(query)).toBe(expected);
  });
});
