import type { Runbook } from './runbook.ts';

/** Why a runbook matched a text. */
export interface RunbookMatch {
  runbook: Runbook;
  /** 0–1; 1 when the text contains an alert name or error verbatim. */
  score: number;
  /** The trigger (or title) that matched best. */
  trigger: string;
  kind: 'alert' | 'error' | 'symptom' | 'title';
}

/** Options of {@link findByTrigger}. */
export interface FindByTriggerOptions {
  /** Most matches to return. Default 5. */
  limit?: number;
  /** Lowest score to return. Default 0.35. */
  minScore?: number;
}

const STOPWORDS = new Set('a an and are as at be but by can cannot for from has have i in into is it its my no not of on or our the their them they this to was we when with without'.split(' '));
const normalize = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
const tokens = (text: string) => normalize(text).trim().split(' ').filter((token) => token.length > 1 && !STOPWORDS.has(token));

/**
 * Runbooks for an alert, an error or a problem description, best first. A trigger found verbatim in the text
 * (case and punctuation aside) scores highest; otherwise the share of a trigger's words that the text contains.
 */
export function findByTrigger(runbooks: readonly Runbook[], text: string, options: FindByTriggerOptions = {}): RunbookMatch[] {
  const haystack = normalize(text);
  const words = new Set(tokens(text));
  if (words.size === 0) return [];
  const matches: RunbookMatch[] = [];
  for (const runbook of runbooks) {
    const candidates: { trigger: string; kind: RunbookMatch['kind']; weight: number }[] = [
      ...runbook.triggers.alerts.map((trigger) => ({ trigger, kind: 'alert' as const, weight: 1 })),
      ...runbook.triggers.errors.map((trigger) => ({ trigger, kind: 'error' as const, weight: 1 })),
      ...runbook.triggers.symptoms.map((trigger) => ({ trigger, kind: 'symptom' as const, weight: 0.9 })),
      { trigger: runbook.title, kind: 'title' as const, weight: 0.8 },
    ];
    let best: RunbookMatch | undefined;
    for (const { trigger, kind, weight } of candidates) {
      const needle = normalize(trigger);
      let score: number;
      if (needle.trim() !== '' && haystack.includes(needle)) score = weight;
      // The text is a verbatim part of a longer trigger (a pasted fragment of the error).
      else if (words.size >= 2 && needle.includes(haystack)) score = weight * 0.85;
      else {
        const triggerWords = tokens(trigger);
        const shared = triggerWords.filter((word) => words.has(word)).length;
        // Recall of the trigger's words, damped so a partial match never beats a verbatim one.
        score = triggerWords.length === 0 ? 0 : (shared / triggerWords.length) * weight * 0.8;
      }
      if (!best || score > best.score) best = { runbook, score: Math.round(score * 1000) / 1000, trigger, kind };
    }
    if (best && best.score >= (options.minScore ?? 0.35)) matches.push(best);
  }
  return matches.sort((a, b) => b.score - a.score || a.runbook.id.localeCompare(b.runbook.id)).slice(0, options.limit ?? 5);
}
