import type { APIRoute } from 'astro';
import { caseFormIndexJson } from '../lib/case-form-index.ts';
import { buildAudience } from '../lib/site-config.ts';

// The case form's index for this site: public articles only on the public site.
export const GET: APIRoute = async () => new Response(await caseFormIndexJson(buildAudience), { headers: { 'content-type': 'application/json' } });
