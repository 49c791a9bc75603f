// Renders the events report of the collector's read API into the internal reports page. Reader text (queries,
// reasons, flags) is redacted by the collector and only ever set as textContent here.
import type { EventsReport } from '@nimbus/events';

const cell = (text: string | number, header = false) => Object.assign(document.createElement(header ? 'th' : 'td'), { textContent: String(text) });
const row = (...cells: HTMLElement[]) => {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function render(root: HTMLElement, report: EventsReport): void {
  const { totals, caseForm } = report;
  root.querySelector('[data-events-totals]')?.replaceChildren(
    ...[
      ['Searches', totals.searches],
      ['Result clicks', totals.clicks],
      ['Votes', totals.votes],
      ['Flags', totals.flags],
      ['Gap groups', report.gaps.length],
    ].map(([label, value]) => {
      const div = document.createElement('div');
      div.append(Object.assign(document.createElement('dt'), { textContent: String(label) }), Object.assign(document.createElement('dd'), { textContent: String(value) }));
      return div;
    }),
  );
  root.querySelector('[data-events-gaps]')?.replaceChildren(
    ...(report.gaps.length === 0 ? [row(Object.assign(cell('None yet.'), { colSpan: 5 }))] : report.gaps.slice(0, 50).map((gap) => {
      const id = cell('');
      id.append(Object.assign(document.createElement('code'), { textContent: gap.id }));
      return row(id, cell(gap.query, true), cell(gap.zeroResults), cell(gap.noClick), cell(gap.variants.slice(1, 4).map((variant) => variant.query).join(' · ')));
    })),
  );
  root.querySelector('[data-events-articles]')?.replaceChildren(
    ...(report.articles.length === 0 ? [row(Object.assign(cell('None yet.'), { colSpan: 5 }))] : report.articles.map((entry) => {
      const name = cell('', true);
      name.append(Object.assign(document.createElement('a'), { href: `/articles/${entry.article}/`, textContent: entry.article }));
      const flags = Object.entries(entry.flagCounts).map(([reason, n]) => `${reason} ${n}`).join(', ');
      const texts = [...entry.reasons.slice(0, 3).map((reason) => `${reason.vote}: “${reason.text}”`), ...entry.flags.filter((flag) => flag.text).slice(0, 3).map((flag) => `flag (${flag.reason}): “${flag.text}”`)];
      return row(name, cell(entry.yes), cell(entry.no), cell(flags || '—'), cell(texts.join(' · ') || '—'));
    })),
  );
  // Honest words: a session without a case is not a problem "resolved"; the site cannot know that.
  root.querySelector('[data-events-caseform]')?.replaceChildren(
    ...[
      `${plural(caseForm.started, 'session')} started.`,
      `${plural(caseForm.submitted, 'case')} opened, ${caseForm.submittedAfterSuggestions} of them after the form had shown an article.`,
      `${plural(caseForm.notSubmitted, 'session')} ended without a case, ${caseForm.leftAfterSuggestions} of them after the form had shown an article (whether it solved the problem is not known).`,
      ...(caseForm.unknown ? [`${plural(caseForm.unknown, 'session')} with no end recorded.`] : []),
      `${plural(caseForm.openedSuggestion, 'session')} in which a suggested article was opened.`,
    ].map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
  root.querySelector('[data-events-trends]')?.replaceChildren(
    ...report.trends.slice(-30).map((day) => row(cell(day.day, true), ...[day.searches, day.zeroResults, day.clicks, day.yes, day.no, day.flags, day.caseFormStarted, day.caseFormSubmitted].map((n) => cell(n)))),
  );
}

/** Fetches the report with the build's token and shows it; says plainly when the collector cannot be reached. */
export async function initEventsReport(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-events-report]');
  const status = root?.querySelector<HTMLElement>('[data-events-status]');
  const body = root?.querySelector<HTMLElement>('[data-events-body]');
  if (!root || !status || !body || !root.dataset.url) return;
  try {
    const response = await fetch(`${root.dataset.url}/v1/report`, { headers: { authorization: `Bearer ${root.dataset.token ?? ''}` }, cache: 'no-store' });
    if (!response.ok) throw new Error(`the collector answered ${response.status}`);
    const report = (await response.json()) as EventsReport;
    render(root, report);
    body.hidden = false;
    status.textContent = `${report.totals.events} events${report.totals.from ? `, ${report.totals.from.slice(0, 10)} to ${report.totals.to?.slice(0, 10)}` : ''}, read from the event collector just now.`;
  } catch (error) {
    status.textContent = `The event collector could not be reached (${error instanceof Error ? error.message : 'no answer'}); the figures appear when it runs.`;
  }
}
