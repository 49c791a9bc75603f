/** Case subjects without repeats: the same title written with other case, spacing or punctuation counts once. */
export function distinctSubjects(subjects: readonly string[]): string[] {
  const seen = new Set<string>();
  return subjects.filter((subject) => {
    const key = subject.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
