// Baseline for the collector bench: the least a collector can be — node:http and node:sqlite, one transaction per
// request, no validation, no rate limit, no redaction. Same durability (WAL, synchronous=FULL).
import http from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const [file, portText] = process.argv.slice(2);
const db = new DatabaseSync(file!);
db.exec('pragma journal_mode = wal; pragma synchronous = full; create table if not exists events (id text primary key, payload text not null)');
const insert = db.prepare('insert into events (id, payload) values (?, ?) on conflict (id) do nothing');
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      const { events } = JSON.parse(Buffer.concat(chunks).toString()) as { events: Array<{ id: string }> };
      db.exec('begin');
      for (const event of events) insert.run(event.id, JSON.stringify(event));
      db.exec('commit');
      response.writeHead(202).end('{}');
    } catch {
      response.writeHead(400).end('{}');
    }
  });
});
server.listen(Number(portText), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${(server.address() as { port: number }).port}`));
