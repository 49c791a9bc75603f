import { describe, expect, test } from 'vitest';
import { readableText } from '../../src/lib/search-shards.ts';

// The text excerpts are cut from: Markdown marks gone, the article's own characters kept.
describe('readableText', () => {
  test.each([
    ['The browser shows `ERR_CONNECTION_RESET` for **every** request.', 'The browser shows ERR_CONNECTION_RESET for every request.'],
    ['**Cause 1:** the _agent_ is stopped', 'Cause 1: the agent is stopped'],
    ['"Action": "s3:*", "Resource": "*"', '"Action": "s3:*", "Resource": "*"'],
    ['run `ps aux | grep nimbus` then 2>&1', 'run ps aux | grep nimbus then 2>&1'],
    ['| Code | Meaning |', ' Code Meaning '],
    ['> Quoted note', 'Quoted note'],
    ['## Cause\n\n### Cause 1: Wrong user name\n\nThe key', 'Cause 1: Wrong user name\n\nThe key'],
    ['## Cause\n\nThe agent stopped.\n\n## Resolution', 'Cause\n\nThe agent stopped.\nResolution'],
    ['1. Start it: `nimbus compute start --id {id}`', 'Start it: nimbus compute start --id {id}'],
  ])('%s', (markdown, text) => {
    expect(readableText(markdown)).toBe(text);
  });
});
