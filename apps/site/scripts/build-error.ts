// A failure the build explains itself (a site that failed to render, invalid content, a stopped build): printed as
// its message alone, without a stack, and the build exits 1.

export class BuildError extends Error {
  override name = 'BuildError';
}
