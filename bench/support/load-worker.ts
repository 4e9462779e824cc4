/**
 * A closed-loop HTTP/1.1 load generator, run as its own process so that the server under test
 * never shares an event loop with the client. Each of `connections` keep-alive sockets sends one
 * GET, waits for the whole response, and sends the next. Responses completed during the warm-up
 * are discarded; those completed during the measured window are counted and timed. Writes one JSON
 * line (LoadReport) to stdout.
 *
 * Raw sockets instead of http.request: they keep the client's CPU cost per request small, so that
 * on a machine with few cores the server, not the client, sets the pace.
 */
import net from 'node:net';
import { parseArgs } from 'node:util';
import type { LoadReport } from './load';
import { percentile, round } from './stats';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const MAX_RECONNECTS = 100;

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    path: { type: 'string' },
    connections: { type: 'string' },
    'warmup-ms': { type: 'string' },
    'duration-ms': { type: 'string' },
  },
});

function requireInt(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

const host = values.host ?? '127.0.0.1';
const port = requireInt('port', values.port);
const path = values.path ?? '/';
const connections = requireInt('connections', values.connections);
const warmupMs = requireInt('warmup-ms', values['warmup-ms']);
const durationMs = requireInt('duration-ms', values['duration-ms']);

const request = Buffer.from(
  `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\n\r\n`,
);
const latencies: number[] = [];
let requests = 0;
let errors = 0;
let non200 = 0;
let reconnects = 0;
let phase: 'warmup' | 'measure' | 'done' = 'warmup';
let measureStart = 0;
let measureEnd = 0;

function openConnection(): void {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let pending: Buffer = Buffer.alloc(0);
  let sentAt = 0;

  const send = (): void => {
    if (phase === 'done') {
      socket.destroy();
      return;
    }
    pending = Buffer.alloc(0);
    sentAt = performance.now();
    socket.write(request);
  };

  socket.on('connect', send);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const headerEnd = pending.indexOf(HEADER_END);
    if (headerEnd === -1) return;
    const head = pending.subarray(0, headerEnd).toString('latin1');
    const length = CONTENT_LENGTH.exec(head)?.[1];
    if (length === undefined) {
      // Both servers answer small JSON with a Content-Length; anything else is not comparable.
      errors += 1;
      socket.destroy();
      return;
    }
    if (pending.length < headerEnd + HEADER_END.length + Number(length)) return;
    const now = performance.now();
    if (phase === 'measure' && now <= measureEnd) {
      requests += 1;
      latencies.push(now - sentAt);
      if (!head.startsWith('HTTP/1.1 200')) non200 += 1;
    }
    send();
  });
  socket.on('error', () => {
    if (phase !== 'done') errors += 1;
  });
  socket.on('close', () => {
    if (phase === 'done') return;
    reconnects += 1;
    if (reconnects > MAX_RECONNECTS) finish(new Error('too many dropped connections'));
    else openConnection();
  });
}

function finish(failure?: Error): void {
  if (phase === 'done') return;
  phase = 'done';
  if (failure) {
    console.error(failure.message);
    process.exit(1);
  }
  const sorted = Float64Array.from(latencies).sort();
  const measuredMs = Math.min(performance.now(), measureEnd) - measureStart;
  const total = latencies.reduce((sum, value) => sum + value, 0);
  const report: LoadReport = {
    requests,
    requestsPerSecond: round(requests / (measuredMs / 1000), 0),
    errors,
    non200,
    latencyMs: {
      mean: round(total / Math.max(requests, 1), 3),
      p50: round(percentile(sorted, 50), 3),
      p95: round(percentile(sorted, 95), 3),
      p99: round(percentile(sorted, 99), 3),
      max: round(sorted[sorted.length - 1] ?? Number.NaN, 3),
    },
    measuredMs: round(measuredMs, 0),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

for (let index = 0; index < connections; index += 1) openConnection();
setTimeout(() => {
  phase = 'measure';
  measureStart = performance.now();
  measureEnd = measureStart + durationMs;
  setTimeout(() => {
    finish();
  }, durationMs);
}, warmupMs);
// The parent may die without stopping us; never outlive the planned run by much.
setTimeout(
  () => {
    finish(new Error('load worker overran its time limit'));
  },
  warmupMs + durationMs + 10_000,
).unref();
process.once('SIGTERM', () => {
  finish(new Error('stopped before the end of the run'));
});
