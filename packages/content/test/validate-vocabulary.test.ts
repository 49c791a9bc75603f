import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { validateVocabulary } from '../src/validate-vocabulary.ts';
import { messagesOf } from './helpers.ts';

const fixturesDir = new URL('./fixtures/vocabulary/', import.meta.url);
const cases = readdirSync(fixturesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const realVocabulary = new URL('../../../content/vocabulary.yaml', import.meta.url);

describe('validateVocabulary fixtures', () => {
  it.each(cases)('%s', (name) => {
    const file = new VFile({ path: 'vocabulary.yaml', value: readFileSync(new URL(`${name}/vocabulary.yaml`, fixturesDir), 'utf8') });
    validateVocabulary(file);
    const expected = readFileSync(new URL(`${name}/expected.txt`, fixturesDir), 'utf8').split('\n').filter((line) => line.trim() !== '');
    expect(expected.length).toBeGreaterThan(0);
    expect(messagesOf(file)).toEqual(expected);
    expect(file.messages.every((message) => message.fatal === true && message.source === 'kb')).toBe(true);
  });
});

describe('validateVocabulary with the real content/vocabulary.yaml', () => {
  it('parses without messages, with synonyms in both languages and customer phrasings', () => {
    const file = new VFile({ path: 'vocabulary.yaml', value: readFileSync(realVocabulary, 'utf8') });
    const vocabulary = validateVocabulary(file);
    expect(messagesOf(file)).toEqual([]);
    expect(vocabulary!.synonyms.length).toBeGreaterThan(20);
    expect(vocabulary!.synonyms.some((group) => group.some((item) => /\p{Script=Han}/u.test(item)))).toBe(true);
    expect(vocabulary!.phrasings.length).toBeGreaterThan(5);
    expect(Object.keys(vocabulary!.stopwords).sort()).toEqual(['en', 'zh-TW']);
  });
});
