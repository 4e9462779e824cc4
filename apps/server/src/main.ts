import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './db/client';
import { DataDirLockedError, startEmbeddedDatabase } from './db/embedded';
import { runMigrations } from './db/migrate';
import { resolveAuthSecret } from './lib/secrets';
import { startJobRunner } from './modules/jobs/job-runner';

const MAIL_SWEEP_MS = 30_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });

  let embedded: Awaited<ReturnType<typeof startEmbeddedDatabase>> | undefined;
  if (!config.databaseUrl) {
    log.info({ dataDir: config.dataDir }, 'starting the embedded PostgreSQL');
    try {
      embedded = await startEmbeddedDatabase({
        dataDir: config.dataDir,
        port: config.embeddedDbPort,
        onLog: (message) => {
          log.debug({ postgres: message });
        },
      });
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        log.fatal(error.message);
        process.exit(1);
      }
      throw error;
    }
  }
  const databaseUrl = config.databaseUrl ?? embedded?.url ?? '';
  const database = connectDatabase(databaseUrl, {
    onError: (error) => {
      log.warn(`an idle database connection was closed: ${error.message}`);
    },
  });
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    await runMigrations(databaseUrl);
    const authSecret = await resolveAuthSecret(database.db, config.authSecret);
    app = await buildApp({ config, database, authSecret });
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }

  const sweep = setInterval(() => {
    app.deps.mailer.deliverQueued().catch((error: unknown) => {
      log.warn({ err: error }, 'mail sweep failed');
    });
  }, MAIL_SWEEP_MS);

  const stopJobRunner = startJobRunner(app.deps, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweep);
    stopJobRunner();
    await app.close();
    await database.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  log.info(`Agent CRM is running at ${config.appUrl}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
