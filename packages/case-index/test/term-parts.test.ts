import { describe, expect, it } from 'vitest';
import { letterDigitParts } from '../src/term-parts.ts';

describe('letterDigitParts', () => {
  it('splits a word glued to its version or number into index terms', () => {
    expect(letterDigitParts('framework35')).toEqual(['framework', '35']);
    expect(letterDigitParts('sql2014')).toEqual(['sql', '2014']);
    // Runs are analysed like any word: stemmed, one-character runs dropped.
    expect(letterDigitParts('3proxies')).toEqual(['proxi']);
  });

  it('leaves hexadecimal codes, plain words and plain numbers whole', () => {
    expect(letterDigitParts('0x80070005')).toEqual([]);
    expect(letterDigitParts('fileshare')).toEqual([]);
    expect(letterDigitParts('2014')).toEqual([]);
  });
});
