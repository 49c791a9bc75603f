// The public surface of @nimbus/importer: removing or renaming an export must fail here.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fromSource from '../src/index.ts';
import * as fromPackage from '@nimbus/importer';
import type { ImportOptions, ImportReport, ImportResult, ReportClass, ReportEntry, SourceFile } from '../src/index.ts';

describe('@nimbus/importer exports', () => {
  it('src/index.ts exports the conversion, the folder IO and the report classes', () => {
    expect(Object.keys(fromSource).sort()).toEqual(['ImportOwnerError', 'ImportSourceError', 'ImportTargetError', 'convertKnowledgeBase', 'importKnowledgeBase', 'readSourceFolder', 'reportClasses', 'writeContentFolder']);
  });

  it('the package name resolves to the same module', () => {
    expect(fromPackage.convertKnowledgeBase).toBe(fromSource.convertKnowledgeBase);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports).toEqual({ '.': './src/index.ts', './package.json': './package.json' });
  });

  it('every report class has a description', () => {
    for (const description of Object.values(fromSource.reportClasses)) expect(description.length).toBeGreaterThan(20);
  });

  it('exports its types (checked by `npm run typecheck`)', () => {
    expectTypeOf<ImportOptions>().toHaveProperty('sourceUrl');
    expectTypeOf<ImportResult>().toHaveProperty('files').toEqualTypeOf<Map<string, string>>();
    expectTypeOf<ImportReport>().toHaveProperty('entries').toEqualTypeOf<ReportEntry[]>();
    expectTypeOf<ReportEntry>().toHaveProperty('class').toEqualTypeOf<ReportClass>();
    expectTypeOf<SourceFile>().toHaveProperty('path').toEqualTypeOf<string>();
    expectTypeOf(fromSource.convertKnowledgeBase).returns.toEqualTypeOf<ImportResult>();
  });
});
