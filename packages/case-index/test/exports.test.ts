import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../src/core.ts';
import * as api from '../src/index.ts';

describe('export surface', () => {
  it('exports the public API', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "DEFAULT_GOOD_MATCH",
        "DEFAULT_OVERLAP_WEIGHT",
        "INDEX_FORMAT",
        "INDEX_VERSION",
        "IndexFormatError",
        "OVERLAP_DEPTH",
        "RERANK_FEATURES",
        "SIGNATURE_PREFIX",
        "SYNONYM_WEIGHT",
        "TITLE_BREAK",
        "applySynonyms",
        "bm25Idf",
        "buildIndex",
        "buildOverlap",
        "buildQuery",
        "buildReport",
        "calibrated",
        "caseFormatFromPath",
        "caseSchema",
        "compileSynonyms",
        "defaultAliases",
        "defaultCacheDir",
        "defaultCalibration",
        "defaultIndexParams",
        "dropRelatedSections",
        "emptyAssociations",
        "expansionTerms",
        "extractSignatures",
        "feedbackCandidates",
        "fieldNames",
        "fieldTexts",
        "fitCalibration",
        "flatString",
        "forwardIndex",
        "indexCacheKey",
        "isCodeLike",
        "isNoiseTerm",
        "joinCode",
        "learnAssociations",
        "learnLinkedCases",
        "ledgerEntry",
        "letterDigitParts",
        "lineWeight",
        "linkLine",
        "loadDocuments",
        "loadIndex",
        "markdownHeadings",
        "markdownToText",
        "modelScore",
        "openAtomicLineWriter",
        "openIndex",
        "overlapFeature",
        "overlapQuery",
        "parseCase",
        "parseDocumentSources",
        "parseJsonlLine",
        "parseMarkdownArticle",
        "phraseTerms",
        "plainWords",
        "rank",
        "readCases",
        "readCsvCases",
        "readDocumentSources",
        "readFrontmatter",
        "readJsonlCases",
        "readLedger",
        "readLines",
        "readZendeskCases",
        "redactCase",
        "rerankFeatures",
        "scoreMargin",
        "serializeIndex",
        "signatureKind",
        "signatureStrength",
        "slugText",
        "splitCompound",
        "storedDocument",
        "summarizeCase",
        "symptomSection",
        "synonymTerms",
        "tokenize",
        "tokens",
        "validateLedger",
        "withLinkedCases",
        "writeLedger",
        "zendeskTicketToCase",
      ]
    `);
  });

  it('keeps the browser entry free of Node built-ins', () => {
    const seen = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        expect(`${file.pathname.split('/').pop()} imports ${specifier}`).not.toMatch(/imports node:/);
        if (specifier!.startsWith('.')) visit(new URL(specifier!, file));
      }
    };
    visit(new URL('../src/core.ts', import.meta.url));
    expect(seen.size).toBeGreaterThan(5);
    expect(typeof core.rank).toBe('function');
    expect(typeof core.loadIndex).toBe('function');
  });
});
