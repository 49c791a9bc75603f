// V8 returns the result of a chain of `String.prototype.replace` calls as a tree of pieces (a cons string), and a tree
// costs several times its text: 4 million pieces held 230 MB for the 14 MB of body text of 3,152 articles, and the
// search index's build held 2.4 GB of them at 31,520. Reading the string as a number makes V8 flatten it in place
// (the trick of the `flatstr` package, whose one line this is: a package without types or releases since 2019), and
// the pieces become garbage.

/** Written once per call, so that no compiler drops the conversion as unused. */
let lastNumber = 0;

/** `text` itself, made one flat string in memory: for text kept long after it was built by replacing. */
export function flatString(text: string): string {
  // Reading a string as a number reads it whole, and V8 flattens it to do so.
  lastNumber = Number(text) | 0;
  return text;
}

/** What the last {@link flatString} read its text as (for tests; a number, usually 0). */
export const lastFlattened = (): number => lastNumber;
