// Type-checks the site's .astro files (tsc covers its .ts files).
// `astro check` runs on TypeScript's JavaScript API, which TypeScript 7 — the repository's compiler — does
// not ship (withastro/roadmap discussion 1321). The site keeps TypeScript 6 as its own devDependency for
// this check only; @volar/kit, hoisted to the root, would `require('typescript')` and get 7, so every
// resolution of `typescript` in this process is pointed at the site's copy.
import { createRequire, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const siteRequire = createRequire(import.meta.url);
const typescriptUrl = pathToFileURL(siteRequire.resolve('typescript')).href;
const major = Number((siteRequire('typescript') as { version: string }).version.split('.')[0]);
if (!(major >= 5 && major < 7)) {
  console.error(`astro-check: expected TypeScript 5 or 6 in apps/site, found major ${major}`);
  process.exit(1);
}
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript') return { url: typescriptUrl, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

const { check, parseArgsAsCheckConfig } = await import('@astrojs/check');
const failed = await check(parseArgsAsCheckConfig(process.argv));
process.exitCode = failed === true ? 1 : 0;
