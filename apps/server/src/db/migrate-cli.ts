import { loadConfig } from '../config';
import { startEmbeddedDatabase } from './embedded';
import { runMigrations } from './migrate';

const config = loadConfig();
const embedded = config.databaseUrl
  ? undefined
  : await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedDbPort });
try {
  await runMigrations(config.databaseUrl ?? embedded?.url ?? '');
  console.log('Migrations applied.');
} finally {
  await embedded?.stop();
}
