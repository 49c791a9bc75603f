import { describe, expect, test } from 'vitest';
import { holdsEveryWord, requiredWords } from '../../src/scripts/search-fallback.ts';

// What a Pagefind fallback answer must hold before the search page shows it.
describe('requiredWords', () => {
  test('keeps what the customer wrote, as the index reads it: no stop words, stemmed, codes joined', () => {
    expect(requiredWords('the update will not install').map((word) => word.term)).toEqual(['updat', 'instal']);
    expect(requiredWords('ERR_CONNECTION_RESET').map((word) => word.term)).toContain('errconnectionreset');
  });

  test('has nothing for a query of filler words', () => {
    expect(requiredWords('the and or please help')).toEqual([]);
    expect(requiredWords('!!! ???')).toEqual([]);
  });

  test('keeps Chinese words as typed', () => {
    expect(requiredWords('磁碟空間').every((word) => word.cjk)).toBe(true);
  });
});

describe('holdsEveryWord', () => {
  const page = 'Windows Update fails to install cumulative updates. Run the troubleshooter, then install again. 磁碟空間不足時';

  test('accepts a page holding every word, in any form the analysis folds together', () => {
    expect(holdsEveryWord(page, requiredWords('installing updates'))).toBe(true);
    expect(holdsEveryWord(page, requiredWords('空間'))).toBe(true);
  });

  test('refuses a page that holds only some words, or only a prefix of one (what Pagefind matches loosely)', () => {
    expect(holdsEveryWord(page, requiredWords('install printer'))).toBe(false);
    expect(holdsEveryWord(page, requiredWords('asdfghjkl'))).toBe(false);
    expect(holdsEveryWord(page, requiredWords('troub'))).toBe(false);
    expect(holdsEveryWord(page, requiredWords('the'))).toBe(false);
  });
});
