/**
 * What the server adds to a visitor's message. Sequential messages on one keep-alive connection
 * are timed end to end against three servers in the same run, one after the other:
 *   - a bare fastify route answering the same JSON shape (the baseline, no database),
 *   - the built server with the rule-based assistant (no LLM configured),
 *   - the built server with an OpenAI-compatible LLM that answers at once (a local stub speaking
 *     the real streaming protocol, apps/server/test/fake-llm.ts, in this process).
 * Overhead = server percentile − baseline percentile (target: p95 overhead ≤ 10 ms).
 * Then throughput: messages that each capture a new person (the contact created through the
 * contacts write path, the visitor and conversation linked) against plain POST /contacts at the
 * same concurrency on the same server (target: ≥ 50 %).
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { startFakeLlm } from '../apps/server/test/fake-llm';
import {
  BENCH_DIR,
  HOST,
  ROOT,
  freePort,
  makeTempDir,
  requireBuiltServer,
  startChild,
  startServer,
  stopServer,
  waitForHealthy,
  type Child,
} from './support/processes';
import { formatRatio, type BenchmarkOutput, type Json, type SummaryRow } from './support/results';
import { percentile, round } from './support/stats';

export type ChatOptions = {
  /** Timed sequential messages per server, after the warm-up ones. */
  samples: number;
  warmups: number;
  /** A new conversation (and visitor) every this many messages, as real chats are short. */
  messagesPerConversation: number;
  /** Messages with capture, and plain contact creations, in the throughput comparison. */
  throughputCount: number;
  concurrency: number;
};

const DEFAULTS: ChatOptions = {
  samples: 500,
  warmups: 50,
  messagesPerConversation: 10,
  throughputCount: 1_500,
  concurrency: 20,
};

const ECHO_SERVER = path.join(BENCH_DIR, 'support/echo-server.ts');
const QUESTION = 'What are your opening hours on Saturdays?';
const NO_LIMITS = {
  CHAT_MESSAGES_PER_VISITOR: '100000000',
  CHAT_MESSAGES_PER_IP: '100000000',
  CHAT_STARTS_PER_IP: '100000000',
  AUTH_RATE_LIMIT_PER_IP: '100000',
};

type Response = { status: number; body: string; ms: number };

/** Keep-alive HTTP with up to `sockets` connections; each call times its own request. */
function httpClient(port: number, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return {
    close: () => {
      agent.destroy();
    },
    post: (pathname: string, body: unknown, headers: http.OutgoingHttpHeaders = {}) =>
      new Promise<Response>((resolve, reject) => {
        const payload = JSON.stringify(body);
        const startedAt = performance.now();
        const request = http.request(
          {
            host: HOST,
            port,
            method: 'POST',
            path: pathname,
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              ...headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - startedAt,
              });
            });
            res.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      }),
    get: (pathname: string, headers: http.OutgoingHttpHeaders = {}) =>
      new Promise<Response>((resolve, reject) => {
        const startedAt = performance.now();
        http
          .get({ host: HOST, port, path: pathname, agent, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - startedAt,
              });
            });
          })
          .on('error', reject);
      }),
  };
}
type Client = ReturnType<typeof httpClient>;

type Latency = { mean: number; p50: number; p95: number; p99: number; max: number };

function summarize(samples: number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return {
    mean: round(mean),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function expectStatus(response: Response, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.body}`);
  }
}

const StartedSchema = z.object({ conversationId: z.string(), visitorToken: z.string() });

async function startConversation(client: Client, agentId: string) {
  const response = await client.post(`/public/v1/agents/${agentId}/conversations`, {});
  expectStatus(response, 201, 'start a conversation');
  return StartedSchema.parse(JSON.parse(response.body));
}

/** Sequential messages, a fresh conversation every few, timed one by one. */
async function measureMessages(
  send: (conversation: z.infer<typeof StartedSchema>, text: string) => Promise<Response>,
  newConversation: () => Promise<z.infer<typeof StartedSchema>>,
  options: ChatOptions,
): Promise<Latency> {
  const samples: number[] = [];
  let conversation = await newConversation();
  for (let i = 0; i < options.warmups + options.samples; i += 1) {
    if (i > 0 && i % options.messagesPerConversation === 0) conversation = await newConversation();
    const response = await send(conversation, QUESTION);
    expectStatus(response, 200, 'send a message');
    if (i >= options.warmups) samples.push(response.ms);
  }
  return summarize(samples);
}

type Crm = { agentId: string; cookie: string; origin: string };

async function setUpCrm(client: Client, port: number): Promise<Crm> {
  const origin = `http://localhost:${port}`;
  const setup = await new Promise<{ status: number; cookies: string[]; body: string }>(
    (resolve, reject) => {
      const payload = JSON.stringify({
        organizationName: 'Bench Inc',
        name: 'Bench Owner',
        email: 'owner@bench.example.com',
        password: 'bench-password-1234',
      });
      const request = http.request(
        {
          host: HOST,
          port,
          method: 'POST',
          path: '/api/v1/setup',
          headers: {
            origin,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              cookies: res.headers['set-cookie'] ?? [],
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    },
  );
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${setup.body}`);
  const cookie = setup.cookies
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.startsWith('agentcrm.'))
    .join('; ');
  const agent = await client.post(
    '/api/v1/agents',
    {
      name: 'Bench clinic',
      visibility: 'public',
      accessMode: 'free',
      defaultCountry: 'GB',
      instructions: 'You are the front desk of a clinic.',
      welcomeMessage: 'Hi! How can I help you today?',
    },
    { cookie, origin },
  );
  expectStatus(agent, 201, 'create the agent');
  return { agentId: z.object({ id: z.string() }).parse(JSON.parse(agent.body)).id, cookie, origin };
}

/** Runs `count` jobs with `concurrency` in flight; returns jobs per second. */
async function throughput(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<{ perSecond: number; seconds: number }> {
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const index = next;
        next += 1;
        if (index >= count) return;
        await job(index);
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  return { perSecond: round(count / seconds, 1), seconds: round(seconds, 2) };
}

type CaptureRun = {
  captureMessagesPerSecond: number;
  plainCreatesPerSecond: number;
  contactsCaptured: number;
};

async function withServer<T>(
  env: NodeJS.ProcessEnv,
  run: (client: Client, crm: Crm) => Promise<T>,
): Promise<{ result: T; stop: string | null }> {
  const dataDir = await makeTempDir('agentcrm-bench-chat-');
  const port = await freePort();
  const server = startServer({ port, dataDir, dbPort: await freePort(), env });
  const client = httpClient(port, 64);
  try {
    await waitForHealthy(server, port, { timeoutMs: 180_000, pollMs: 100 });
    const crm = await setUpCrm(client, port);
    const result = await run(client, crm);
    client.close();
    return { result, stop: await stopServer(server) };
  } finally {
    client.close();
    if (!server.hasExited()) await stopServer(server);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function messagePath(conversationId: string): string {
  return `/public/v1/conversations/${conversationId}/messages`;
}

async function measureServerMessages(
  client: Client,
  crm: Crm,
  options: ChatOptions,
): Promise<Latency> {
  return measureMessages(
    (conversation, text) =>
      client.post(
        messagePath(conversation.conversationId),
        { text },
        { authorization: `Bearer ${conversation.visitorToken}` },
      ),
    () => startConversation(client, crm.agentId),
    options,
  );
}

async function measureCapture(client: Client, crm: Crm, options: ChatOptions): Promise<CaptureRun> {
  const conversations = await Promise.all(
    Array.from({ length: options.throughputCount }, () => startConversation(client, crm.agentId)),
  );
  const member = { cookie: crm.cookie, origin: crm.origin };
  const plain = await throughput(options.throughputCount, options.concurrency, async (i) => {
    const response = await client.post(
      `/api/v1/agents/${crm.agentId}/contacts`,
      { name: `Plain Person ${i}`, email: `plain.${i}@benchmail.io` },
      member,
    );
    expectStatus(response, 201, 'create a contact');
  });
  const capture = await throughput(options.throughputCount, options.concurrency, async (i) => {
    const conversation = conversations[i];
    if (!conversation) throw new Error('missing conversation');
    const response = await client.post(
      messagePath(conversation.conversationId),
      { text: `Hi, my name is Casey Capture and my email is capture.${i}@benchmail.io` },
      { authorization: `Bearer ${conversation.visitorToken}` },
    );
    expectStatus(response, 200, 'send a capturing message');
  });
  const count = await client.get(
    `/api/v1/agents/${crm.agentId}/contacts/count?source=chat`,
    member,
  );
  expectStatus(count, 200, 'count captured contacts');
  return {
    captureMessagesPerSecond: capture.perSecond,
    plainCreatesPerSecond: plain.perSecond,
    contactsCaptured: z.object({ count: z.number() }).parse(JSON.parse(count.body)).count,
  };
}

export async function benchChat(options: ChatOptions = DEFAULTS): Promise<BenchmarkOutput> {
  await requireBuiltServer();
  // The machine's load, before and after: on a shared machine it explains most of the spread.
  const loadBefore = round(os.loadavg()[0] ?? Number.NaN);

  // Baseline: bare fastify, same shape, same client.
  const echoPort = await freePort();
  const echo: Child = startChild(process.execPath, ['--import', 'tsx', ECHO_SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(echoPort), NODE_ENV: 'production' },
  });
  let baseline: Latency;
  try {
    await waitForHealthy(echo, echoPort, { timeoutMs: 30_000, pollMs: 50 });
    const client = httpClient(echoPort, 1);
    const fake = { conversationId: 'x', visitorToken: 'x' };
    baseline = await measureMessages(
      (_conversation, text) => client.post('/echo', { text }),
      () => Promise.resolve(fake),
      options,
    );
    client.close();
  } finally {
    await echo.stop();
  }

  console.log('  rule-based assistant…');
  const ruleBased = await withServer(NO_LIMITS, async (client, crm) => ({
    latency: await measureServerMessages(client, crm, options),
    capture: await measureCapture(client, crm, options),
  }));

  console.log('  zero-latency LLM stub…');
  const llm = await startFakeLlm();
  let withLlm: { result: Latency; stop: string | null };
  try {
    withLlm = await withServer(
      { ...NO_LIMITS, LLM_BASE_URL: llm.baseUrl, LLM_API_KEY: 'bench', LLM_MODEL: 'stub' },
      (client, crm) => measureServerMessages(client, crm, options),
    );
    if (llm.requests.length < options.samples) {
      throw new Error(`the LLM stub saw only ${llm.requests.length} requests`);
    }
  } finally {
    await llm.close();
  }

  const rb = ruleBased.result.latency;
  const lm = withLlm.result;
  const capture = ruleBased.result.capture;
  const overhead = (server: Latency) => ({
    p50: round(server.p50 - baseline.p50),
    p95: round(server.p95 - baseline.p95),
    p99: round(server.p99 - baseline.p99),
  });
  const captureRatio = round(capture.captureMessagesPerSecond / capture.plainCreatesPerSecond, 3);
  const results: { [key: string]: Json } = {
    baseline,
    ruleBased: rb,
    llmStub: lm,
    overheadMs: { ruleBased: overhead(rb), llmStub: overhead(lm) },
    capture: { ...capture, ratio: captureRatio },
    loadAverage1m: { before: loadBefore, after: round(os.loadavg()[0] ?? Number.NaN) },
    serverStop: {
      ruleBased: ruleBased.stop ?? 'clean',
      llmStub: withLlm.stop ?? 'clean',
    },
  };
  const row = (metric: string, measured: number, base: number, unit: string): SummaryRow => ({
    metric,
    measured: `${measured}${unit}`,
    baseline: `${base}${unit}`,
    ratio: formatRatio(measured, base),
  });
  const overheadRow = (metric: string, server: number, base: number): SummaryRow => ({
    metric,
    measured: `${server} ms`,
    baseline: `${base} ms`,
    ratio: `+${round(server - base)} ms`,
  });
  return {
    settings: { ...options, question: QUESTION, host: HOST },
    results,
    summary: [
      overheadRow('message p50, rule-based', rb.p50, baseline.p50),
      overheadRow('message p95, rule-based', rb.p95, baseline.p95),
      overheadRow('message p50, LLM stub', lm.p50, baseline.p50),
      overheadRow('message p95, LLM stub', lm.p95, baseline.p95),
      row(
        'capturing messages/s vs contacts/s',
        capture.captureMessagesPerSecond,
        capture.plainCreatesPerSecond,
        '/s',
      ),
    ],
  };
}
