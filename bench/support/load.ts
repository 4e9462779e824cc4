import path from 'node:path';
import { BENCH_DIR, HOST, ROOT, readStdout, startChild } from './processes';

export type LoadOptions = {
  port: number;
  path: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** GET unless set; with `bodiesFile`, each request sends the next line of that file as body. */
  method?: string;
  /** Extra request headers, `Name: value` each (a cookie, an Origin, a Content-Type). */
  headers?: string[];
  bodiesFile?: string;
  /** The status that counts as success; any other answer is counted in `non200`. */
  expectStatus?: number;
};

export type LoadReport = {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  /** Answers with another status than the expected one (200 unless `expectStatus` says). */
  non200: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  measuredMs: number;
};

const WORKER = path.join(BENCH_DIR, 'support/load-worker.ts');

/** Runs the load generator in its own process against 127.0.0.1 and returns its report. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const worker = startChild(
    process.execPath,
    [
      '--import',
      'tsx',
      WORKER,
      `--host=${HOST}`,
      `--port=${options.port}`,
      `--path=${options.path}`,
      `--connections=${options.connections}`,
      `--warmup-ms=${options.warmupMs}`,
      `--duration-ms=${options.durationMs}`,
      ...(options.method ? [`--method=${options.method}`] : []),
      ...(options.headers ?? []).map((header) => `--header=${header}`),
      ...(options.bodiesFile ? [`--bodies=${options.bodiesFile}`] : []),
      ...(options.expectStatus ? [`--expect-status=${options.expectStatus}`] : []),
    ],
    { cwd: ROOT },
  );
  const output = await readStdout(worker);
  const code = await worker.exited;
  if (code !== 0) throw new Error(`load generator failed (exit ${code})`);
  return parseLoadReport(output);
}

function parseLoadReport(output: string): LoadReport {
  const parsed: unknown = JSON.parse(output);
  if (!isRecord(parsed) || !isRecord(parsed.latencyMs)) {
    throw new Error(`unexpected load generator output: ${output}`);
  }
  const latency = parsed.latencyMs;
  return {
    requests: numberField(parsed, 'requests'),
    requestsPerSecond: numberField(parsed, 'requestsPerSecond'),
    errors: numberField(parsed, 'errors'),
    non200: numberField(parsed, 'non200'),
    latencyMs: {
      mean: numberField(latency, 'mean'),
      p50: numberField(latency, 'p50'),
      p95: numberField(latency, 'p95'),
      p99: numberField(latency, 'p99'),
      max: numberField(latency, 'max'),
    },
    measuredMs: numberField(parsed, 'measuredMs'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberField(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (typeof value !== 'number') throw new Error(`load report: ${key} is not a number`);
  return value;
}
