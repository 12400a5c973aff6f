// The monitor benchmark's reference: a bare undici request loop, in its own process, doing what one
// HTTP check does on the wire and nothing else (no database, no status rule, no scheduling). Plain
// JavaScript, so it runs on bare Node: a TypeScript loader would add its own memory and CPU.
// Usage: bench-check-loop.mjs URL CHECKS_PER_MINUTE SECONDS. Sends 'ready', waits for a message to start,
// then sends {completed, failed, sent} after SECONDS. Like the probe, each request has a fresh Agent (a new
// connection): a check must see a refused port or a bad certificate, so none is reused.
import { Agent, request } from 'undici';

const [url, perMinute, seconds] = process.argv.slice(2);
const perSecond = Number(perMinute) / 60;
let completed = 0;
let failed = 0;

async function check() {
  const agent = new Agent({ connectTimeout: 5000, headersTimeout: 5000, bodyTimeout: 5000, pipelining: 0 });
  try {
    const response = await request(url, { dispatcher: agent, signal: AbortSignal.timeout(5000) });
    await response.body.dump();
    if (response.statusCode === 200) completed++;
    else failed++;
  } catch {
    failed++;
  } finally {
    void agent.destroy().catch(() => {});
  }
}

process.on('message', () => {
  // Once a second, the checks due in that second, all at once: as the scheduler's tick starts them.
  const started = Date.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond) - sent;
    for (let i = 0; i < due; i++) void check();
    sent += due;
  }, 1000);
  setTimeout(() => {
    clearInterval(timer);
    process.send?.({ completed, failed, sent });
  }, Number(seconds) * 1000);
});
process.send?.('ready');
process.on('SIGTERM', () => process.exit(0));
