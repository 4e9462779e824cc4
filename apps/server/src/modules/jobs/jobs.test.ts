import { BULK_LIMIT, type Job } from '@agent-crm/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../db/schema';
import {
  addMember,
  createTestApp,
  setUpOrganization,
  type Org,
  type TestApp,
} from '../../../test/app';
import { runPendingJobs } from './job-runner';

let t: TestApp;
let org: Org;
let agentId: string;
let base: string;
const SIZE = BULK_LIMIT + 1_500;

beforeAll(async () => {
  t = await createTestApp();
  org = await setUpOrganization(t.app);
  agentId = (await org.owner.post('/api/v1/agents', { name: 'Big', defaultCountry: 'US' })).json<{
    id: string;
  }>().id;
  base = `/api/v1/agents/${agentId}/contacts`;
  // More contacts than one request may change: inserted in one statement, as an import would.
  await t.database.db.execute(sql`
    INSERT INTO contacts (id, organization_id, agent_id, email, stage_id, status_id, source,
                          search_text, created_at, updated_at)
    SELECT gen_random_uuid(), ${org.organizationId}, ${agentId}, 'big' || n || '@example.com',
           (SELECT id FROM pipeline_items WHERE agent_id = ${agentId} AND kind = 'stage' ORDER BY position LIMIT 1),
           (SELECT id FROM pipeline_items WHERE agent_id = ${agentId} AND kind = 'status' ORDER BY position LIMIT 1),
           'import', 'big' || n || '@example.com', now(), now()
    FROM generate_series(1, ${SIZE}) AS n`);
}, 120_000);
afterAll(() => t.close());

async function job(jobId: string): Promise<Job> {
  return (await org.owner.get(`/api/v1/agents/${agentId}/jobs/${jobId}`)).json<Job>();
}

describe('bulk actions past the limit run as a background job', () => {
  it('answers 202 with a queued job, then works through every match in batches', async () => {
    const response = await org.owner.post(`${base}/bulk`, {
      filter: { q: 'big' },
      action: { type: 'set_stage', stage: 'Prospect' },
    });
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json<{ affected: number; job: Job }>();
    expect(queued).toMatchObject({ affected: 0, job: { status: 'queued', total: SIZE, done: 0 } });
    // Nothing changed in the request itself.
    expect((await org.owner.get(`${base}/count?stage=Prospect`)).json()).toEqual({ count: 0 });

    expect(await runPendingJobs(t.app.deps)).toBe(1);
    expect(await job(queued.job.id)).toMatchObject({
      status: 'succeeded',
      total: SIZE,
      done: SIZE,
      error: null,
    });
    expect((await org.owner.get(`${base}/count?stage=Prospect`)).json()).toEqual({ count: SIZE });
    const history = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM contact_activities
          WHERE agent_id = ${agentId} AND kind = 'stage_changed'`,
    );
    expect(history.rows[0]?.n).toBe(SIZE);
  }, 120_000);

  it('resumes a job another process left half done, from its saved cursor', async () => {
    const response = await org.owner.post(`${base}/bulk`, {
      filter: {},
      action: { type: 'set_status', status: 'Inactive' },
    });
    const { job: queued } = response.json<{ job: Job }>();
    // As if a process had done the first half and died: running, stale heartbeat, a cursor.
    const middle = await t.database.db.execute<{ id: string }>(
      sql`SELECT id::text FROM contacts WHERE agent_id = ${agentId} ORDER BY id OFFSET 5000 LIMIT 1`,
    );
    await t.database.db
      .update(jobs)
      .set({
        status: 'running',
        cursor: middle.rows[0]?.id ?? null,
        done: 5001,
        heartbeatAt: new Date(Date.now() - 5 * 60_000),
      })
      .where(eq(jobs.id, queued.id));
    expect(await runPendingJobs(t.app.deps)).toBe(1);
    expect(await job(queued.id)).toMatchObject({ status: 'succeeded', done: SIZE });
    // Only the second half was changed by this run: the first half was "done" elsewhere.
    expect((await org.owner.get(`${base}/count?status=Inactive`)).json()).toEqual({
      count: SIZE - 5001,
    });
  }, 120_000);

  it('refuses a bad action before queueing anything', async () => {
    const response = await org.owner.post(`${base}/bulk`, {
      filter: {},
      action: { type: 'set_stage', stage: 'Nope' },
    });
    expect(response.statusCode).toBe(400);
    expect(await runPendingJobs(t.app.deps)).toBe(0);
  });

  it('fails the job with a clear message when its member has left', async () => {
    const admin = await addMember(org, t.app, 'admin');
    const response = await admin.client.post(`${base}/bulk`, {
      filter: {},
      action: { type: 'archive' },
    });
    expect(response.statusCode).toBe(202);
    const { job: queued } = response.json<{ job: Job }>();
    expect((await org.owner.delete(`/api/v1/members/${admin.id}`)).statusCode).toBe(204);
    await runPendingJobs(t.app.deps);
    expect(await job(queued.id)).toMatchObject({
      status: 'failed',
      error: 'The member who started this job is no longer in the organization',
    });
    expect((await org.owner.get(`${base}/count?archived=true`)).json()).toEqual({ count: 0 });
  });

  it('never shows a job to another agent or organization (404)', async () => {
    const response = await org.owner.post(`${base}/bulk`, {
      filter: {},
      action: { type: 'set_stage', stage: 'Lead' },
    });
    const { job: queued } = response.json<{ job: Job }>();
    const otherAgent = (
      await org.owner.post('/api/v1/agents', { name: 'Other', defaultCountry: 'US' })
    ).json<{ id: string }>().id;
    expect((await org.owner.get(`/api/v1/agents/${otherAgent}/jobs/${queued.id}`)).statusCode).toBe(
      404,
    );
    await runPendingJobs(t.app.deps);
  });
});
