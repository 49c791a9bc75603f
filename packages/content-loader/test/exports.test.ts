// The public surface of @nimbus/content-loader: removing or renaming an export must fail here.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fromSource from '../src/index.ts';
import * as fromPackage from '@nimbus/content-loader';
import type { LoadContentOptions, LoadedContent } from '../src/index.ts';

describe('@nimbus/content-loader exports', () => {
  it('src/index.ts exports exactly loadContent, contentProblems, checkKnowledgeBase and checkProblems', () => {
    expect(Object.keys(fromSource).sort()).toEqual(['checkKnowledgeBase', 'checkProblems', 'contentProblems', 'loadContent']);
    expect(typeof fromSource.loadContent).toBe('function');
    expect(typeof fromSource.contentProblems).toBe('function');
  });

  it('the package name resolves to the same module', () => {
    expect(Object.keys(fromPackage).sort()).toEqual(['checkKnowledgeBase', 'checkProblems', 'contentProblems', 'loadContent']);
    expect(fromPackage.loadContent).toBe(fromSource.loadContent);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports).toEqual({ '.': './src/index.ts', './package.json': './package.json' });
  });

  it('exports its types (checked by `npm run typecheck`)', () => {
    expectTypeOf<LoadContentOptions>().toHaveProperty('allowedComponents');
    expectTypeOf<LoadedContent>().toHaveProperty('articles');
    expectTypeOf<LoadedContent>().toHaveProperty('dir').toEqualTypeOf<string>();
    expectTypeOf(fromSource.loadContent).returns.resolves.toEqualTypeOf<LoadedContent>();
  });
});
