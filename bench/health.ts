/**
 * Throughput and latency of GET /api/v1/health on the built server, against a bare fastify
 * hello-world measured the same way in the same run: both run as child processes, both get the
 * same load from a separate process, one after the other so they never compete for the CPU.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { runLoad, type LoadOptions, type LoadReport } from './support/load';
import {
  BENCH_DIR,
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
import { formatRatio, type BenchmarkOutput, type SummaryRow } from './support/results';
import { round } from './support/stats';

export type HealthOptions = { connections: number; warmupMs: number; durationMs: number };

const DEFAULTS: HealthOptions = { connections: 50, warmupMs: 2_000, durationMs: 10_000 };
const HELLO_SERVER = path.join(BENCH_DIR, 'support/hello-server.ts');
const PATH = '/api/v1/health';

export async function benchHealth(options: HealthOptions = DEFAULTS): Promise<BenchmarkOutput> {
  await requireBuiltServer();
  const load = (port: number): LoadOptions => ({ port, path: PATH, ...options });

  const baselinePort = await freePort();
  const baseline = await measure(
    startChild(process.execPath, ['--import', 'tsx', HELLO_SERVER], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(baselinePort), NODE_ENV: 'production' },
    }),
    load(baselinePort),
  );

  const dataDir = await makeTempDir('agentcrm-bench-health-');
  try {
    const serverPort = await freePort();
    const server = await measure(
      startServer({ port: serverPort, dataDir, dbPort: await freePort() }),
      load(serverPort),
    );
    return {
      settings: {
        ...options,
        path: PATH,
        host: '127.0.0.1',
        loadGenerator: 'bench/support/load-worker.ts',
      },
      results: {
        server,
        baseline,
        ratio: {
          requestsPerSecond: round(server.requestsPerSecond / baseline.requestsPerSecond, 3),
          p50: round(server.latencyMs.p50 / baseline.latencyMs.p50, 3),
          p95: round(server.latencyMs.p95 / baseline.latencyMs.p95, 3),
          p99: round(server.latencyMs.p99 / baseline.latencyMs.p99, 3),
        },
      },
      summary: [
        row('requests/s', server.requestsPerSecond, baseline.requestsPerSecond, ''),
        row('latency p50', server.latencyMs.p50, baseline.latencyMs.p50, ' ms'),
        row('latency p95', server.latencyMs.p95, baseline.latencyMs.p95, ' ms'),
        row('latency p99', server.latencyMs.p99, baseline.latencyMs.p99, ' ms'),
        {
          metric: 'SIGTERM stop',
          measured: stopSummary(server),
          baseline: stopSummary(baseline),
          ratio: '',
        },
      ],
    };
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

type Measurement = LoadReport & { stop: string };

/** Waits for the target to answer, loads it, and stops it whatever happened. */
async function measure(target: Child, load: LoadOptions): Promise<Measurement> {
  let report: LoadReport;
  try {
    // A fresh data directory means initdb and every migration: allow for a slow disk.
    await waitForHealthy(target, load.port, { timeoutMs: 120_000, pollMs: 100 });
    report = await runLoad(load);
    if (report.requests === 0) throw new Error(`no request to port ${load.port} completed`);
    if (report.errors > 0 || report.non200 > 0) {
      throw new Error(
        `${report.errors} connection errors and ${report.non200} non-200 answers from port ${load.port}`,
      );
    }
  } catch (error) {
    await stopServer(target);
    throw error;
  }
  return { ...report, stop: (await stopServer(target)) ?? 'clean' };
}

function row(metric: string, measured: number, baseline: number, unit: string): SummaryRow {
  return {
    metric,
    measured: `${measured}${unit}`,
    baseline: `${baseline}${unit}`,
    ratio: formatRatio(measured, baseline),
  };
}

function stopSummary(measurement: Measurement): string {
  return measurement.stop === 'clean' ? 'clean' : 'unclean (see JSON)';
}
