import type { APIRoute, GetStaticPaths } from 'astro';
import { searchFiles } from '../../lib/search-shards.ts';
import { buildAudience } from '../../lib/site-config.ts';
import { rendersSearchIndex } from '../../lib/render-filter.ts';

// The sharded search index of this site (public articles only on the public site): `manifest.json`, then the files
// of this build under a content-hash folder, so they may be cached forever. Replaces the whole-index case-index.json.
export const getStaticPaths = (async () => {
  if (!rendersSearchIndex) return [];
  const { manifest, files } = await searchFiles(buildAudience);
  return [
    { params: { file: 'manifest.json' }, props: { body: JSON.stringify(manifest) } },
    ...[...files].map(([name, body]) => ({ params: { file: `${manifest.base}/${name}` }, props: { body } })),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const body = props.body as string | Uint8Array<ArrayBuffer>;
  const type = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
  return new Response(body, { headers: { 'content-type': type } });
};
