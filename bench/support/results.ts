import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR } from './processes';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type SummaryRow = { metric: string; measured: string; baseline: string; ratio: string };

/** What a benchmark hands back to run-all: settings and results go to the file, rows to the table. */
export type BenchmarkOutput = {
  settings: { [key: string]: Json };
  results: { [key: string]: Json };
  summary: SummaryRow[];
};

export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/**
 * Writes results/<name>.json with keys sorted at every level, so that a re-run changes only the
 * lines whose numbers changed. Written to a .tmp file and renamed, so an interrupted run never
 * leaves half a file behind.
 */
export async function writeResult(name: string, output: BenchmarkOutput): Promise<string> {
  const cpus = os.cpus();
  const document: Json = {
    benchmark: name,
    command: `npm run bench -- ${name}`,
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      platform: `${os.platform()} ${os.arch()}`,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    },
    settings: output.settings,
    results: output.results,
  };
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(sortKeys(document), null, 2)}\n`);
  await fs.rename(`${file}.tmp`, file);
  return file;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

export function formatRatio(measured: number, baseline: number): string {
  return `${(measured / baseline).toFixed(2)}×`;
}
