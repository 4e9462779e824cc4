/**
 * A closed-loop HTTP/1.1 load generator, run as its own process so that the server under test
 * never shares an event loop with the client. Each of `connections` keep-alive sockets sends one
 * request (a GET, or with --bodies a request carrying the next line of that file as its body, so
 * that every write is a different one), waits for the whole response, and sends the next. Responses completed during the warm-up
 * are discarded; those completed during the measured window are counted and timed. Writes one JSON
 * line (LoadReport) to stdout.
 *
 * Raw sockets instead of http.request: they keep the client's CPU cost per request small, so that
 * on a machine with few cores the server, not the client, sets the pace.
 */
import fs from 'node:fs';
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
    method: { type: 'string' },
    header: { type: 'string', multiple: true },
    bodies: { type: 'string' },
    'expect-status': { type: 'string' },
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

const method = values.method ?? 'GET';
const expectStatus = values['expect-status']
  ? requireInt('expect-status', values['expect-status'])
  : 200;
const requestHead = [
  `${method} ${path} HTTP/1.1`,
  `Host: ${host}:${port}`,
  'Connection: keep-alive',
  ...(values.header ?? []),
].join('\r\n');
// One body per line, used once each: read up front so that disk reads never land in a timing.
const bodies = values.bodies
  ? fs
      .readFileSync(values.bodies, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => Buffer.from(line))
  : null;
let nextBody = 0;
const bareRequest = Buffer.from(`${requestHead}\r\n\r\n`);

function nextRequest(): Buffer | null {
  if (!bodies) return bareRequest;
  const body = bodies[nextBody];
  nextBody += 1;
  if (!body) return null;
  return Buffer.concat([
    Buffer.from(`${requestHead}\r\nContent-Length: ${body.length}\r\n\r\n`),
    body,
  ]);
}
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
    const request = nextRequest();
    if (!request) {
      finish(new Error('ran out of request bodies: give the load generator more lines'));
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
      // The servers answer small JSON with a Content-Length; anything else is not comparable.
      errors += 1;
      socket.destroy();
      return;
    }
    if (pending.length < headerEnd + HEADER_END.length + Number(length)) return;
    const now = performance.now();
    if (phase === 'measure' && now <= measureEnd) {
      requests += 1;
      latencies.push(now - sentAt);
      if (!head.startsWith(`HTTP/1.1 ${expectStatus}`)) non200 += 1;
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
