import type { APIRoute } from 'astro';
import { audience } from '../lib/site-config.ts';

// Customers' search engines may crawl the public site; nothing may crawl the internal one.
export const GET: APIRoute = ({ site }) =>
  new Response(
    audience === 'public'
      ? `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap-index.xml', site).href}\n`
      : 'User-agent: *\nDisallow: /\n',
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
