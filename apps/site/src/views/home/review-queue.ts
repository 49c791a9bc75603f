/** Something with a review date: an article (period from its state) or a runbook (its own due date). */
export interface Reviewable {
  title: string;
  href: string;
  reviewed: string;
  /** Days between reviews; undefined when this kind is never due. */
  periodDays?: number;
  /** The due day, when the caller knows it already (runbooks). */
  due?: string;
  kind: 'article' | 'runbook';
}

const DAY = 86_400_000;

/** Items whose review is due within `windowDays` of `today` or overdue, most overdue first, with days left (negative: overdue). */
export function dueForReview<T extends Reviewable>(items: readonly T[], today: string, windowDays: number): Array<T & { daysLeft: number }> {
  const now = Date.parse(`${today}T00:00:00Z`);
  return items
    .flatMap((item) => {
      const due = item.due ? Date.parse(`${item.due}T00:00:00Z`) : item.periodDays === undefined ? NaN : Date.parse(`${item.reviewed}T00:00:00Z`) + item.periodDays * DAY;
      if (Number.isNaN(due)) return [];
      const daysLeft = Math.round((due - now) / DAY);
      return daysLeft <= windowDays ? [{ ...item, daysLeft }] : [];
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.title.localeCompare(b.title));
}
