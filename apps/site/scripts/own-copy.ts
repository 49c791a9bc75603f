// A regular expression's match (and a slice) can be a view into the string it was found in, keeping that whole string
// alive for as long as the match is kept: kept per page, such views held every page of a 31,520-article site. A value
// kept beyond the text it came from is copied with this first.

/** `value` as a string of its own, holding nothing of a larger string it was cut from. */
export function ownCopy(value: string): string {
  return Buffer.from(value).toString();
}
