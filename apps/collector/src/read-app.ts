// The read API: figures for the internal site's reports page and for operators. It listens on its own port, so
// a deployment exposes only the intake to customers, and every request needs the bearer token.
import { timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildEventsReport, countEvents, readEvents, type EventsDatabase } from '@nimbus/events';
import type { CollectorConfig } from './config.ts';
import type { ResponseCounts } from './intake-app.ts';

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Builds the read API (not yet listening); `counts` are the intake's answer counts, shown by `/v1/stats`. */
export async function buildReadApp(config: Pick<CollectorConfig, 'readToken' | 'readOrigins'>, db: Kysely<EventsDatabase>, counts: ResponseCounts): Promise<FastifyInstance> {
  if (!config.readToken) throw new Error('The read API needs a token (KB_EVENTS_READ_TOKEN)');
  const app = Fastify({ logger: false, bodyLimit: 1024 });
  await app.register(cors, { origin: config.readOrigins, methods: ['GET'], allowedHeaders: ['authorization'], maxAge: 86_400 });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return;
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), config.readToken)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'A valid bearer token is required' });
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  app.get('/v1/report', async (request) => {
    const since = (request.query as { since?: string }).since;
    return buildEventsReport(await readEvents(db, since ? { since } : {}));
  });
  app.get('/v1/stats', async () => ({ stored: await countEvents(db), responses: counts }));
  return app;
}
