/**
 * Runs the benchmarks one after the other (never in parallel: they would measure each other),
 * writes results/<name>.json for each and prints a summary table. `npm run bench -- health` runs
 * only the named ones. Exits non-zero only when a benchmark could not run; there are no pass/fail
 * thresholds, the numbers are for comparing runs.
 */
import path from 'node:path';
import { benchChat } from './chat';
import { benchColdStart } from './cold-start';
import { benchContacts } from './contacts';
import { benchForms } from './forms';
import { benchHealth } from './health';
import { benchWidgetSize } from './widget-size';
import { ROOT, cleanUp, closeDown } from './support/processes';
import { writeResult, type BenchmarkOutput, type SummaryRow } from './support/results';

type Benchmark = {
  name: string;
  run: () => Promise<BenchmarkOutput>;
  /** Runs only when named: `npm run bench -- contacts`. */
  isOnDemand?: boolean;
};

const BENCHMARKS: Benchmark[] = [
  { name: 'health', run: () => benchHealth() },
  { name: 'cold-start', run: () => benchColdStart() },
  { name: 'chat', run: () => benchChat() },
  { name: 'forms', run: () => benchForms() },
  { name: 'widget-size', run: () => benchWidgetSize() },
  // Not in a plain `npm run bench`: seeding a million contacts takes minutes, not seconds.
  { name: 'contacts', run: () => benchContacts(), isOnDemand: true },
];

async function main(): Promise<number> {
  const selected = selectBenchmarks(process.argv.slice(2));
  const rows: Array<SummaryRow & { benchmark: string }> = [];
  const failures: string[] = [];
  for (const benchmark of selected) {
    console.log(`▶ ${benchmark.name}`);
    try {
      const output = await benchmark.run();
      const file = await writeResult(benchmark.name, output);
      console.log(`  wrote ${path.relative(ROOT, file)}`);
      for (const row of output.summary) rows.push({ benchmark: benchmark.name, ...row });
    } catch (error) {
      failures.push(benchmark.name);
      console.error(`  ${benchmark.name} could not run:`, error);
    } finally {
      await cleanUp();
    }
  }
  printTable(rows);
  if (failures.length > 0) console.error(`\nFailed: ${failures.join(', ')}`);
  return failures.length > 0 ? 1 : 0;
}

function selectBenchmarks(names: string[]): Benchmark[] {
  if (names.length === 0) return BENCHMARKS.filter((benchmark) => !benchmark.isOnDemand);
  return names.map((name) => {
    const benchmark = BENCHMARKS.find((candidate) => candidate.name === name);
    if (!benchmark) {
      const known = BENCHMARKS.map((candidate) => candidate.name).join(', ');
      throw new Error(`unknown benchmark "${name}" (known: ${known})`);
    }
    return benchmark;
  });
}

function printTable(rows: Array<SummaryRow & { benchmark: string }>): void {
  if (rows.length === 0) return;
  const header = {
    benchmark: 'benchmark',
    metric: 'metric',
    measured: 'server',
    baseline: 'baseline',
    ratio: 'ratio',
  };
  const columns = ['benchmark', 'metric', 'measured', 'baseline', 'ratio'] as const;
  const widths = columns.map((column) =>
    Math.max(header[column].length, ...rows.map((row) => row[column].length)),
  );
  const line = (row: Record<(typeof columns)[number], string>): string =>
    columns
      .map((column, index) => row[column].padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}`);
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

// Children run in their own process groups, so a Ctrl-C reaches only us: clean up, then leave.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void closeDown().finally(() => process.exit(130));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exitCode = 1;
  },
);
