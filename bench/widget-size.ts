/**
 * The widget bundle's weight as a visitor downloads it: builds apps/widget (so the number is the
 * current source's), then reports embed.js raw and gzipped (zlib, level 9 as served by CDNs and
 * close to what a reverse proxy sends) against the 25 KB gzipped budget.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ROOT } from './support/processes';
import { formatRatio, type BenchmarkOutput } from './support/results';

const BUNDLE = path.join(ROOT, 'apps/widget/dist/embed.js');
export const BUDGET_GZIP_BYTES = 25 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

export async function benchWidgetSize(): Promise<BenchmarkOutput> {
  await promisify(execFile)('npm', ['run', 'build', '-w', 'apps/widget'], { cwd: ROOT });
  const bundle = await fs.readFile(BUNDLE);
  const gzipBytes = zlib.gzipSync(bundle, { level: 9 }).length;
  const brotliBytes = zlib.brotliCompressSync(bundle).length;
  const withinBudget = gzipBytes <= BUDGET_GZIP_BYTES;
  if (!withinBudget) {
    console.error(
      `  embed.js is ${kb(gzipBytes)} gzipped: over the ${kb(BUDGET_GZIP_BYTES)} budget`,
    );
  }
  return {
    settings: {
      file: 'apps/widget/dist/embed.js',
      build: 'npm run build -w apps/widget',
      gzipLevel: 9,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
    },
    results: {
      rawBytes: bundle.length,
      gzipBytes,
      brotliBytes,
      withinBudget,
    },
    summary: [
      { metric: 'embed.js raw', measured: kb(bundle.length), baseline: '', ratio: '' },
      {
        metric: 'embed.js gzipped',
        measured: kb(gzipBytes),
        baseline: `budget ${kb(BUDGET_GZIP_BYTES)}`,
        ratio: formatRatio(gzipBytes, BUDGET_GZIP_BYTES),
      },
    ],
  };
}
