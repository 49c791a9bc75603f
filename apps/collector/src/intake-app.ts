// The public intake: the sites' pages POST batches of events here. Everything a client sends is untrusted: the body
// is size-limited and schema-checked, the client rate-limited, the origin checked; nothing about the client (IP
// address, user agent) is stored, and the server never logs requests.
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { eventBatch, MAX_BODY_BYTES } from '@nimbus/events';
import type { CollectorConfig } from './config.ts';
import { StoreUnavailableError, type EventWriter } from './writer.ts';

/** Requests answered, by HTTP status: malformed, oversized and hostile requests show up here. */
export type ResponseCounts = Record<string, number>;

/** Folds zod's issues into one line naming the event and the field. */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}

/** Builds the intake server (not yet listening). `counts` collects the status of every answer. */
export async function buildIntakeApp(config: Pick<CollectorConfig, 'allowedOrigins' | 'rateLimit' | 'trustProxy'>, writer: EventWriter, counts: ResponseCounts): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, trustProxy: config.trustProxy, return503OnClosing: true });
  const allowed = new Set(config.allowedOrigins);

  app.addHook('onResponse', async (_request, reply) => {
    counts[reply.statusCode] = (counts[reply.statusCode] ?? 0) + 1;
  });
  // `sendBeacon` and CORS-simple `fetch` send `text/plain` (no preflight): the body is JSON all the same.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  await app.register(cors, { origin: [...allowed], methods: ['POST'], maxAge: 86_400 });
  // CORS only stops a browser from reading the answer; a page from another origin must not be able to write either.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) return reply.code(403).send({ error: `Origin ${origin} may not send events here` });
  });
  await app.register(rateLimit, { max: config.rateLimit, timeWindow: 60_000, global: false });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    return reply.code(status).send({ error: status === 500 ? 'Internal error' : error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found: POST events to /v1/events' }));

  app.get('/v1/health', async () => ({ ok: true, pending: writer.pending }));
  app.post('/v1/events', { config: { rateLimit: { max: config.rateLimit, timeWindow: 60_000 } } }, async (request, reply) => {
    const parsed = eventBatch.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: `Invalid events: ${describeIssues(parsed.error.issues)}` });
    try {
      const result = await writer.write(parsed.data.events);
      return reply.code(202).send(result);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return reply.code(503).header('retry-after', '5').send({ error: 'The event store is busy; send these events again later' });
    }
  });
  return app;
}
