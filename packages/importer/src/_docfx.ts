// docfx extensions are line-level syntax that CommonMark reads as plain text, so they are rewritten line by line
// before parsing. Every line stays one line: positions in the rewritten text are still the source's lines.

import type { ReportClass } from './report.ts';

/** Where docfx preprocessing reports what it could not keep. */
export type LineReporter = (line: number, reportClass: ReportClass, message: string) => void;

const FENCE = /^[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})(.*)$/;
const CALLOUT = /^([ \t]*(?:>[ \t]*)*)\[!(NOTE|NOTES|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(.*)$/i;
const IMAGE = /:::image((?:\s+[\w-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"':]+))?)*)\s*:::/g;
const IMAGE_END = /:::image-end:::/g;
const INCLUDE = /\[!INCLUDE\s*\[([^\]]*)\]\(([^)]*)\)\s*\]/gi;
const INCLUDE_BARE = /\[!INCLUDE\s*([\w.-]*)\]/gi;
const DIV = /^([ \t]*(?:>[ \t]*)*)\[!div[^\]]*\][ \t]*$/i;
const VIDEO = /\[!VIDEO\s+<?([^\]\s>]+)>?\s*\]/gi;
const CALLOUT_INLINE = /\[!(NOTE|NOTES|TIP|IMPORTANT|WARNING|CAUTION)\]/gi;
const NO_LOC = /:::no-loc\s+text=(?:"([^"]*)"|'([^']*)'):::/g;
const ZONE = /^[ \t]*:::[ \t]*(zone|moniker|row|column)(?:-end)?\b.*$/i;
const TAB_HEADING = /^([ \t]*)(#{1,6})[ \t]+\[([^\]]+)\]\(#tab\/[^)]*\)[ \t]*$/;
const ATTRIBUTE = /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"':]+)))?/g;

const LABELS: Record<string, string> = { note: 'Note', notes: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' };

/** Rewrites docfx callouts, `:::image`, `[!INCLUDE]`, `[!div]`, `[!VIDEO]`, zones and tabs into CommonMark. */
export function rewriteDocfx(text: string, report: LineReporter): string {
  const lines = text.split('\n');
  let fence: { char: string; length: number } | undefined;
  let tabsReported = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length && (fenceMatch[2] ?? '').trim() === '') fence = undefined;
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = { char: fenceMatch[1][0] ?? '`', length: fenceMatch[1].length };
      continue;
    }
    if (!line.includes('[!') && !line.includes(':::') && !line.includes('#tab/')) continue;
    const rewritten = rewriteLine(line, lineNumber, report, () => {
      if (tabsReported) return false;
      tabsReported = true;
      return true;
    });
    // A removed directive leaves only `>` markers: keep them only inside a quote that goes on, or the quote splits.
    const quote = (text: string | undefined) => /^[ \t]*>/.test(text ?? '');
    lines[index] = rewritten !== line && /^[ \t>]*$/.test(rewritten) && !(quote(lines[index - 1]) && quote(lines[index + 1])) ? '' : rewritten;
  }
  return lines.join('\n');
}

function rewriteLine(input: string, line: number, report: LineReporter, firstTab: () => boolean): string {
  let text = input;
  const zone = ZONE.exec(text);
  if (zone) {
    if (!/-end\b/i.test(text)) report(line, 'zone-flattened', `\`${text.trim()}\` removed: the content of every ${zone[1]?.toLowerCase()} is kept`);
    return '';
  }
  const tab = TAB_HEADING.exec(text);
  if (tab) {
    if (firstTab()) report(line, 'zone-flattened', 'Tabbed content became one section per tab');
    return `${tab[1]}${tab[2]} ${tab[3]}`;
  }
  const div = DIV.exec(text);
  if (div) return div[1]?.trimEnd() ?? '';
  text = text.replace(INCLUDE, (_whole, _label: string, target: string) => {
    report(line, 'include-removed', `\`[!INCLUDE]\` of \`${target.trim()}\` removed, include files are not imported`);
    return '';
  });
  text = text.replace(INCLUDE_BARE, (_whole, name: string) => {
    report(line, 'include-removed', `\`[!INCLUDE${name}]\` removed, include files are not imported`);
    return '';
  });
  if (text !== input) text = text.replace(/(\S) {2,}(?=\S)/g, '$1 ');
  text = text.replace(VIDEO, (_whole, url: string) => {
    report(line, 'embed-linked', `Video \`${url}\` became a link`);
    return `[Video](${url})`;
  });
  const callout = CALLOUT.exec(text);
  if (callout) {
    const label = LABELS[(callout[2] ?? '').toLowerCase()] ?? 'Note';
    text = `${callout[1] ?? ''}**${label}:**${callout[3] ? ` ${callout[3]}` : ''}`;
  }
  // In a table cell, a callout is written `<br>> [!NOTE]<br>> text`: the `>` markers are no quote there.
  if (/^[ \t]*\|/.test(text)) text = text.replace(/(<br\s*\/?>)[ \t]*>[ \t]?/gi, '$1');
  // Callouts inside list items and table cells: the label stays, bold, where the marker was.
  text = text.replace(CALLOUT_INLINE, (_whole, name: string) => `**${LABELS[name.toLowerCase()] ?? 'Note'}:**`);
  text = text.replace(NO_LOC, (_whole, double: string | undefined, single: string | undefined) => double ?? single ?? '');
  text = text.replace(IMAGE, (_whole, attributeText: string) => {
    const attributes: Record<string, string> = {};
    for (const match of attributeText.matchAll(ATTRIBUTE)) attributes[(match[1] ?? '').toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
    const alt = attributes['alt-text'] ?? '';
    const source = attributes.source ?? '';
    return `![${escapeLabel(alt)}](<${source.replace(/[<>\n]/g, '')}>)`;
  });
  text = text.replace(IMAGE_END, '');
  return text;
}

/** Escapes text for a link label or image alt, where brackets and backslashes mean something. */
export function escapeLabel(text: string): string {
  return text.replace(/[\\[\]]/g, (char) => `\\${char}`).replace(/\s+/g, ' ').trim();
}
