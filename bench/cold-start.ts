/**
 * Cold start of the built server on an existing data directory: from spawn() to the first 200 of
 * GET /api/v1/health, which includes starting the embedded PostgreSQL, checking migrations and
 * building the app. The data directory is created and migrated once beforehand (timed too, for
 * reference, but not part of the figure). The baseline is spawning `node -e ''` until it exits,
 * the floor that any Node process pays on this machine.
 */
import fs from 'node:fs/promises';
import {
  freePort,
  makeTempDir,
  requireBuiltServer,
  startChild,
  startServer,
  stopServer,
  waitForHealthy,
} from './support/processes';
import { formatRatio, type BenchmarkOutput } from './support/results';
import { round, spread } from './support/stats';

export type ColdStartOptions = { starts: number; pollMs: number };

const DEFAULTS: ColdStartOptions = { starts: 5, pollMs: 5 };
const FIRST_START_TIMEOUT_MS = 180_000;
const START_TIMEOUT_MS = 60_000;

export async function benchColdStart(
  options: ColdStartOptions = DEFAULTS,
): Promise<BenchmarkOutput> {
  await requireBuiltServer();
  const dataDir = await makeTempDir('agentcrm-bench-cold-');
  try {
    const first = await timeServerStart(dataDir, FIRST_START_TIMEOUT_MS, options.pollMs);
    const firstStartMs = first.ms;
    const starts: StartTiming[] = [];
    const baselineMs: number[] = [];
    // Interleaved, so that a busy moment on the machine weighs on both series alike.
    for (let run = 0; run < options.starts; run += 1) {
      starts.push(await timeServerStart(dataDir, START_TIMEOUT_MS, options.pollMs));
      baselineMs.push(await timeBareNode());
    }
    const serverMs = starts.map((start) => start.ms);
    // An unclean stop does not spoil the start that preceded it, but it is worth seeing.
    const uncleanStops = [first, ...starts].flatMap((start) => (start.stop ? [start.stop] : []));

    const server = spread(serverMs);
    const baseline = spread(baselineMs);
    return {
      settings: { ...options, database: 'embedded PostgreSQL, existing data directory' },
      results: {
        server: { ...server, runsMs: serverMs.map((value) => round(value)) },
        baseline: { ...baseline, runsMs: baselineMs.map((value) => round(value)) },
        firstStartMs: round(firstStartMs),
        stops: { total: starts.length + 1, unclean: uncleanStops },
        ratioOfMedians: round(server.median / baseline.median, 3),
      },
      summary: [
        {
          metric: 'cold start median',
          measured: `${server.median} ms`,
          baseline: `${baseline.median} ms`,
          ratio: formatRatio(server.median, baseline.median),
        },
        {
          metric: 'cold start min–max',
          measured: `${server.min}–${server.max} ms`,
          baseline: `${baseline.min}–${baseline.max} ms`,
          ratio: '',
        },
        {
          metric: 'first start (init)',
          measured: `${round(firstStartMs)} ms`,
          baseline: '',
          ratio: '',
        },
        {
          metric: 'unclean SIGTERM stops',
          measured: `${uncleanStops.length} of ${starts.length + 1}`,
          baseline: '',
          ratio: '',
        },
      ],
    };
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

type StartTiming = { ms: number; stop: string | null };

/** Spawn → first 200, then a stop, so the next start finds the data directory unlocked. */
async function timeServerStart(
  dataDir: string,
  timeoutMs: number,
  pollMs: number,
): Promise<StartTiming> {
  // Ports are chosen before the clock starts; finding them is not the server's cost.
  const port = await freePort();
  const dbPort = await freePort();
  const startedAt = performance.now();
  const server = startServer({ port, dataDir, dbPort });
  let healthyAt: number;
  try {
    healthyAt = await waitForHealthy(server, port, { timeoutMs, pollMs });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return { ms: healthyAt - startedAt, stop: await stopServer(server) };
}

async function timeBareNode(): Promise<number> {
  const startedAt = performance.now();
  const node = startChild(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const code = await node.exited;
  const elapsed = performance.now() - startedAt;
  if (code !== 0) throw new Error(`node -e '' exited with ${code}`);
  return elapsed;
}
