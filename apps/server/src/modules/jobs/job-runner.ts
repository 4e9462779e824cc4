import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { runBulkJob } from '../contacts/contacts.bulk';
import { claimJob, finishJob, recordProgress, type JobRow } from './jobs.service';

export type JobProgress = (progress: { cursor: string; done: number }) => Promise<void>;
type JobHandler = (deps: Deps, job: JobRow, progress: JobProgress) => Promise<void>;

const HANDLERS: Record<string, JobHandler> = {
  'contacts.bulk': runBulkJob,
};

const POLL_MS = 1_000;

/** Runs queued jobs until there are none; returns how many ran. */
export async function runPendingJobs(deps: Deps, log?: FastifyBaseLogger): Promise<number> {
  let ran = 0;
  for (let job = await claimJob(deps.db); job; job = await claimJob(deps.db)) {
    await runJob(deps, job, log);
    ran += 1;
  }
  return ran;
}

async function runJob(deps: Deps, job: JobRow, log?: FastifyBaseLogger): Promise<void> {
  try {
    const handler = HANDLERS[job.kind];
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(deps, job, (progress) => recordProgress(deps.db, job.id, progress));
    await finishJob(deps.db, job.id, { status: 'succeeded' });
  } catch (error) {
    // People read a job's error in the admin: our own messages, never internals.
    const message =
      error instanceof AppError ? error.message : 'The job stopped on an unexpected error';
    if (!(error instanceof AppError)) log?.error({ err: error, jobId: job.id }, 'job failed');
    await finishJob(deps.db, job.id, { status: 'failed', error: message });
  }
}

/** Polls for jobs in the background; returns a function that stops polling. */
export function startJobRunner(deps: Deps, log: FastifyBaseLogger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runPendingJobs(deps, log)
      .catch((error: unknown) => {
        log.warn({ err: error }, 'job runner poll failed');
      })
      .finally(() => {
        running = false;
      });
  }, POLL_MS);
  return () => {
    clearInterval(timer);
  };
}
