// The benchmark's ceiling: a bare Node http server answering recorded responses from memory.
// Usage: ceiling-server.ts PORT FIXTURES.json, where FIXTURES maps a path to {status, headers, body (base64)}.
import fs from 'node:fs';
import http from 'node:http';

const [port, fixturesFile] = process.argv.slice(2);
const fixtures = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>(
  Object.entries(JSON.parse(fs.readFileSync(fixturesFile, 'utf8')) as Record<string, { status: number; headers: Record<string, string>; body: string }>).map(
    ([path, fixture]) => [path, { ...fixture, body: Buffer.from(fixture.body, 'base64') }],
  ),
);

const server = http.createServer((req, res) => {
  const fixture = fixtures.get(req.url ?? '/');
  if (!fixture) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(fixture.status, fixture.headers);
  res.end(fixture.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => process.exit(0));
