// Everything the collector varies on comes from the environment, read once at start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStoreLocation, type StoreLocation } from '@nimbus/events';

/** The repository root: the default store lives in its `.kb/` folder (ignored by git). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** What the collector needs to run. */
export interface CollectorConfig {
  store: StoreLocation;
  host: string;
  /** Port of the event intake the sites send to. */
  port: number;
  /** Port of the read API (reports); only started when `readToken` is set. */
  readPort: number;
  /** Bearer token of the read API; empty keeps the read API off. */
  readToken: string;
  /** Origins whose pages may send events (the sites' own). */
  allowedOrigins: string[];
  /** Origins whose pages may read reports (the internal site's). */
  readOrigins: string[];
  /** Requests per minute one client may send before getting 429. */
  rateLimit: number;
  /** Events waiting for a commit beyond which new requests get 503. */
  maxPending: number;
  /** Trust `X-Forwarded-For` from these load-balancer addresses (fastify's `trustProxy`: `true` or addresses/CIDRs). */
  trustProxy: boolean | string;
}

const list = (value: string | undefined, fallback: string[]) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : fallback);
const integer = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, got \`${value}\``);
  return parsed;
};

/** The configuration from `KB_EVENTS_*` / `KB_COLLECTOR_*` variables, with local defaults beside `npm start`'s sites. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  const sitePort = integer('PORT', env.PORT, 4321);
  const host = env.KB_COLLECTOR_HOST ?? env.HOST ?? '127.0.0.1';
  const port = integer('KB_COLLECTOR_PORT', env.KB_COLLECTOR_PORT, sitePort + 2);
  const siteOrigins = (p: number) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`, ...(host === '127.0.0.1' || host === 'localhost' ? [] : [`http://${host}:${p}`])];
  const trust = env.KB_COLLECTOR_TRUST_PROXY ?? '';
  return {
    store: parseStoreLocation(env.KB_EVENTS_DATABASE_URL || path.join(repositoryRoot, '.kb', 'events.sqlite')),
    host,
    port,
    readPort: integer('KB_COLLECTOR_READ_PORT', env.KB_COLLECTOR_READ_PORT, port + 1),
    readToken: env.KB_EVENTS_READ_TOKEN ?? '',
    allowedOrigins: list(env.KB_EVENTS_ALLOWED_ORIGINS, [...siteOrigins(sitePort), ...siteOrigins(sitePort + 1)]),
    readOrigins: list(env.KB_EVENTS_READ_ORIGINS, siteOrigins(sitePort + 1)),
    rateLimit: integer('KB_EVENTS_RATE_LIMIT', env.KB_EVENTS_RATE_LIMIT, 120),
    maxPending: integer('KB_EVENTS_MAX_PENDING', env.KB_EVENTS_MAX_PENDING, 20_000),
    trustProxy: trust === '' ? false : trust === 'true' ? true : trust,
  };
}
