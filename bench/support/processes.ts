import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_DIR = path.join(ROOT, 'bench');
export const SERVER_ENTRY = path.join(ROOT, 'apps/server/dist/main.js');
export const HOST = '127.0.0.1';

const STOP_GRACE_MS = 20_000;

export type Child = {
  pid: number;
  proc: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  hasExited: () => boolean;
  /**
   * SIGTERM, then waits for the exit and resolves with its code; SIGKILL to the whole process group
   * only past a grace period.
   */
  stop: () => Promise<number | string>;
  /** The first lines of stderr that mention an error, when stderr was captured. */
  errorLines: () => string[];
};

export type ChildOptions = SpawnOptions & { captureStderr?: boolean };

const running = new Set<Child>();
const tempDirs = new Set<string>();
let isClosing = false;
const STDERR_KEEP_BYTES = 16_384;

/**
 * Every child starts in its own process group, so a server that ignores SIGTERM can be killed
 * together with the embedded PostgreSQL it spawned, and a Ctrl-C in the terminal reaches only
 * run-all, which then stops the children in order instead of racing them.
 */
export function startChild(command: string, args: string[], options: ChildOptions = {}): Child {
  if (isClosing) throw new Error('interrupted: not starting another process');
  const { captureStderr = false, ...spawnOptions } = options;
  const proc = spawn(command, args, {
    stdio: ['ignore', 'pipe', captureStderr ? 'pipe' : 'inherit'],
    ...spawnOptions,
    detached: true,
  });
  let hasExited = false;
  const exited = new Promise<number | string>((resolve) => {
    proc.once('exit', (code, signal) => {
      hasExited = true;
      resolve(code ?? signal ?? 'unknown');
    });
    // A failed spawn emits 'error' and never 'exit'.
    proc.once('error', (error) => {
      hasExited = true;
      resolve(error.message);
    });
  });
  // Only the start of stderr is kept: a crash dump can be long, its first lines say what happened.
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_KEEP_BYTES) stderr += chunk.toString('utf8');
  });
  const { pid } = proc;
  if (pid === undefined) throw new Error(`could not spawn ${command}`);
  const child: Child = {
    pid,
    proc,
    exited,
    hasExited: () => hasExited,
    stop: async () => {
      if (!hasExited) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => {
          signalGroup(pid, 'SIGKILL');
        }, STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      const code = await exited;
      // A crashed server may leave its PostgreSQL behind in the group; ask it to shut down too.
      if (code !== 0) signalGroup(pid, 'SIGTERM');
      running.delete(child);
      return code;
    },
    errorLines: () =>
      stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /error/i.test(line))
        .slice(0, 2),
  };
  running.add(child);
  return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Stops every child still running, newest first (a load generator before its target), then
 * deletes the temporary directories: the last line of defence after a failure or a Ctrl-C.
 */
export async function cleanUp(): Promise<void> {
  for (const child of [...running].reverse()) {
    await child.stop();
  }
  for (const dir of tempDirs) {
    await fs.rm(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  }
}

/** cleanUp for an interrupted run: whatever the benchmark does next, it starts nothing new. */
export function closeDown(): Promise<void> {
  isClosing = true;
  return cleanUp();
}

/** Everything the child writes to stdout, once it has exited. Call right after startChild. */
export async function readStdout(child: Child): Promise<string> {
  const chunks: Buffer[] = [];
  child.proc.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  // 'close', not 'exit': stdout may still hold data when the process has already exited.
  await new Promise((resolve) => child.proc.once('close', resolve));
  return Buffer.concat(chunks).toString('utf8');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/**
 * A free port within [from, to], for runs asked to stay inside a port range (other processes on
 * the machine own the rest). Also skips ports whose PostgreSQL Unix socket still exists in /tmp: an
 * embedded PostgreSQL on such a port would refuse to start.
 */
export async function freePortIn(from: number, to: number, taken: number[] = []): Promise<number> {
  for (let port = from; port <= to; port += 1) {
    if (taken.includes(port)) continue;
    const hasSocket = await fs
      .access(path.join(os.tmpdir(), `.s.PGSQL.${port}`))
      .then(() => true)
      .catch(() => false);
    if (!hasSocket && (await canListen(port))) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, HOST, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  // The embedded PostgreSQL runs as an unprivileged user when we are root and must reach its dir.
  await fs.chmod(dir, 0o755);
  return dir;
}

/** One health probe on a fresh connection, so a refused connect fails fast instead of queueing. */
export function isHealthy(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: HOST, port, path: '/api/v1/health', agent: false, timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.once('timeout', () => request.destroy());
    request.once('error', () => {
      resolve(false);
    });
  });
}

/** Polls until the first 200 and returns its performance.now(); throws past the deadline. */
export async function waitForHealthy(
  child: Child,
  port: number,
  options: { timeoutMs: number; pollMs: number },
): Promise<number> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    if (child.hasExited()) throw new Error(`process ${child.pid} exited before becoming healthy`);
    if (await isHealthy(port)) return performance.now();
    if (performance.now() > deadline) {
      throw new Error(`no 200 from /api/v1/health within ${options.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

export async function requireBuiltServer(): Promise<void> {
  await fs.access(SERVER_ENTRY).catch(() => {
    throw new Error(`${SERVER_ENTRY} is missing: run "npm run build -w apps/server" first`);
  });
}

/** The built server exactly as `npm start` runs it, on its own ports and data directory. */
export function startServer(options: {
  port: number;
  dataDir: string;
  dbPort: number;
  /** Extra settings on top of the defaults below, e.g. a higher auth rate limit. */
  env?: NodeJS.ProcessEnv;
}): Child {
  return startChild(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    // Only warnings and errors reach stdout at LOG_LEVEL=warn, never one line per request.
    stdio: ['ignore', 'inherit', 'pipe'],
    captureStderr: true,
    env: {
      ...withoutDatabaseUrl(process.env),
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST,
      DATA_DIR: options.dataDir,
      EMBEDDED_DB_PORT: String(options.dbPort),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
}

/** Always the embedded PostgreSQL, so numbers from different machines measure the same setup. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  return copy;
}

/**
 * Stops a server and describes an unclean exit (null when clean). Benchmarks record these in their
 * results rather than failing: the timing is still valid, the crash is a finding of its own.
 */
export async function stopServer(server: Child): Promise<string | null> {
  const code = await server.stop();
  if (code === 0) return null;
  const reason = server.errorLines().join(' / ');
  const description = `exit ${code}${reason ? `: ${reason}` : ''}`;
  console.warn(`  server ${server.pid} did not stop cleanly (${description})`);
  return description;
}
