import { describe, expect, it } from 'vitest';
import { tokens } from '@nimbus/case-index/core';
import { closestSpelling, editDistance, excerptHtml } from '../src/index.ts';

describe('excerptHtml', () => {
  it('shows the words around the match, highlighted, everything else escaped', () => {
    const text = 'Intro words. <script>alert(1)</script> Then the relay answers 530 5.7.57 Client not authenticated & stops.';
    const html = excerptHtml(text, new Set(tokens('5.7.57 authenticated')), 12);
    expect(html).toContain('<mark>5.7.57</mark>');
    expect(html).toContain('<mark>authenticated</mark>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#38;');
    // Only the article's own spelling is shown, never the index's joined form.
    expect(html).not.toContain('5757');
  });

  it('marks a code as the article writes it, underscores and all', () => {
    const html = excerptHtml('The browser shows ERR_CONNECTION_RESET after the TLS handshake.', new Set(tokens('ERR_CONNECTION_RESET')));
    expect(html).toContain('<mark>ERR_CONNECTION_RESET</mark>');
    expect(html).not.toContain('errconnectionreset');
  });

  it('marks Chinese words, not whole sentences', () => {
    const html = excerptHtml('擴充了磁碟區的大小，但仍然回報空間不足。', new Set(tokens('空間不足')));
    expect(html).toMatch(/<mark>空間<\/mark>/);
    expect(html).not.toMatch(/<mark>[^<]*，/);
  });

  it('opens with the first words when nothing matches', () => {
    expect(excerptHtml('First words of the article.', new Set(['nothing']))).toBe('First words of the article.');
  });
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit and stops above the limit', () => {
    expect(editDistance('snapshto', 'snapshot', 2)).toBe(1);
    expect(editDistance('conect', 'connect', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('closestSpelling', () => {
  it('shows the spelling closest to what was typed, the most common on a tie', () => {
    expect(closestSpelling('premission', ['permiss', 12, 'permissions', 'permission'])).toBe('permission');
    expect(closestSpelling('Premissions', ['permiss', 12, 'permissions', 'permission'])).toBe('permissions');
    expect(closestSpelling('updat', ['updat', 9, 'update', 'updates'])).toBe('update');
  });
});
