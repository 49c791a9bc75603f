import type { APIRoute, GetStaticPaths } from 'astro';
import type { Audience } from '@nimbus/content';
import { caseFormIndexJson } from '../../lib/case-form-index.ts';
import { audiences, outputPrefix } from '../../lib/site-config.ts';

// One index per site: /case-index.json (public articles only) and, in a single-pass build, /internal/case-index.json.
export const getStaticPaths = (() =>
  audiences.map((audience) => ({ params: { prefix: outputPrefix(audience) || undefined }, props: { audience } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await caseFormIndexJson((props as { audience: Audience }).audience), { headers: { 'content-type': 'application/json' } });
