import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, startEmbeddedDatabase } from './embedded';

describe('embedded database data directory lock', () => {
  it('refuses a second server on a data directory owned by a running process', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'agentcrm-lock-'));
    // The parent of this test process is alive for as long as the test runs.
    await fs.writeFile(path.join(dataDir, 'server.lock'), String(process.ppid));
    const attempt = startEmbeddedDatabase({ dataDir, port: 1 });
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(/already using the data directory/);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});
