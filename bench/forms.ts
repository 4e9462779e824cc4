/**
 * Public form submissions against API contact creation, on the same built server in the same run.
 * Both create one new contact per request through the same contacts write path; a submission also
 * checks its render token and every answer, stores the submission and moves the form's counters.
 * The runs alternate (API, form, API, form) so that neither gets a warmer or colder database.
 * Spam guards stay on (the token is checked on every request); only the limits are raised, since
 * all the load comes from one address.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { apiClient, type ApiClient } from './support/api-client';
import { runLoad, type LoadReport } from './support/load';
import {
  freePortIn,
  makeTempDir,
  requireBuiltServer,
  startServer,
  stopServer,
  waitForHealthy,
} from './support/processes';
import { formatRatio, type BenchmarkOutput } from './support/results';
import { round } from './support/stats';

export type FormsOptions = {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Alternating rounds of each kind. */
  rounds: number;
};

const DEFAULTS: FormsOptions = { connections: 10, warmupMs: 2_000, durationMs: 8_000, rounds: 2 };
const SERVER_PORTS = [3700, 3799] as const;
const DATABASE_PORTS = [5900, 5999] as const;
/** More than one run can send in warm-up plus measurement. */
const BODIES_PER_RUN = 30_000;

const IdSchema = z.object({ id: z.string() });
const FormSchema = z.object({
  id: z.string(),
  slug: z.string(),
  fields: z.array(z.object({ id: z.string(), label: z.string() })),
});
const PublicFormSchema = z.object({ renderToken: z.string() });

async function call(api: ApiClient, method: string, url: string, expected: number, body?: unknown) {
  const response = await api.request(method, url, body);
  if (response.status !== expected) {
    throw new Error(`${method} ${url}: ${response.status} ${response.body.slice(0, 300)}`);
  }
  return response;
}

type Setup = {
  agentId: string;
  cookie: string;
  slug: string;
  renderToken: string;
  ids: Record<string, string>;
};

async function setUp(api: ApiClient): Promise<Setup> {
  const setup = await call(api, 'POST', '/api/v1/setup', 201, {
    organizationName: 'Bench Forms Inc',
    name: 'Bench Owner',
    email: 'owner@forms.bench.example.com',
    password: 'bench-password-1234',
  });
  const cookie = setup.setCookie
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair.startsWith('agentcrm.'))
    .join('; ');
  if (!cookie.includes('agentcrm.session_token=')) throw new Error('setup gave no session');
  api.useCookie(cookie);
  const agent = IdSchema.parse(
    JSON.parse(
      (await call(api, 'POST', '/api/v1/agents', 201, { name: 'Forms', defaultCountry: 'US' }))
        .body,
    ),
  );
  await call(api, 'POST', `/api/v1/agents/${agent.id}/fields`, 201, {
    label: 'Company',
    key: 'company',
    type: 'text',
  });
  const form = FormSchema.parse(
    JSON.parse(
      (
        await call(api, 'POST', `/api/v1/agents/${agent.id}/forms`, 201, {
          title: 'Contact us',
          published: true,
          fields: [
            { type: 'short_text', label: 'Name', required: true, mapTo: 'name' },
            { type: 'email', label: 'Email', required: true, mapTo: 'email' },
            { type: 'phone', label: 'Phone', mapTo: 'phone' },
            { type: 'short_text', label: 'Company', mapTo: 'field:company' },
            { type: 'long_text', label: 'Message' },
          ],
        })
      ).body,
    ),
  );
  const publicForm = PublicFormSchema.parse(
    JSON.parse((await call(api, 'GET', `/public/v1/forms/${form.slug}`, 200)).body),
  );
  return {
    agentId: agent.id,
    cookie,
    slug: form.slug,
    renderToken: publicForm.renderToken,
    ids: Object.fromEntries(form.fields.map((field) => [field.label, field.id])),
  };
}

/** Distinct people per run: the same identity twice would be an update, not a creation. */
function person(run: number, n: number) {
  const serial = run * 1_000_000 + n;
  const digits = String(2_000_000 + serial).padStart(7, '0');
  return {
    name: `Person ${String(serial)}`,
    email: `person.${String(serial)}@bench.example.com`,
    phone: `(415) ${digits.slice(0, 3)}-${digits.slice(3, 7)}`,
    company: `Company ${String(n % 1000)}`,
  };
}

async function writeBodies(file: string, lines: Iterable<string>): Promise<void> {
  await fs.writeFile(file, `${[...lines].join('\n')}\n`);
}

function* apiBodies(run: number) {
  for (let n = 0; n < BODIES_PER_RUN; n++) {
    const p = person(run, n);
    yield JSON.stringify({
      name: p.name,
      email: p.email,
      phone: p.phone,
      fields: { company: p.company },
    });
  }
}

function* formBodies(run: number, setup: Setup) {
  const id = (label: string) => setup.ids[label] ?? '';
  for (let n = 0; n < BODIES_PER_RUN; n++) {
    const p = person(run, n);
    yield JSON.stringify({
      renderToken: setup.renderToken,
      answers: {
        [id('Name')]: p.name,
        [id('Email')]: p.email,
        [id('Phone')]: p.phone,
        [id('Company')]: p.company,
        [id('Message')]: 'Please call me back about an appointment next week.',
      },
    });
  }
}

function summarize(reports: LoadReport[]) {
  const requests = reports.reduce((sum, r) => sum + r.requests, 0);
  const seconds = reports.reduce((sum, r) => sum + r.measuredMs, 0) / 1000;
  const sorted = (key: 'p50' | 'p95' | 'p99') =>
    reports.map((r) => r.latencyMs[key]).sort((a, b) => a - b);
  return {
    requests,
    unexpectedStatus: reports.reduce((sum, r) => sum + r.non200 + r.errors, 0),
    requestsPerSecond: round(requests / seconds, 1),
    perRound: reports.map((r) => round(r.requestsPerSecond, 1)),
    latencyMsP50: round(sorted('p50').at(-1) ?? 0, 1),
    latencyMsP95: round(sorted('p95').at(-1) ?? 0, 1),
  };
}

export async function benchForms(options: FormsOptions = DEFAULTS): Promise<BenchmarkOutput> {
  await requireBuiltServer();
  const dataDir = await makeTempDir('agentcrm-bench-forms-');
  const port = await freePortIn(...SERVER_PORTS);
  const dbPort = await freePortIn(...DATABASE_PORTS);
  const server = startServer({
    port,
    dataDir,
    dbPort,
    env: {
      AUTH_RATE_LIMIT_PER_IP: '100000',
      FORM_SUBMISSIONS_PER_IP: '10000000',
      FORM_SUBMISSIONS_PER_FORM: '10000000',
      // The token is signed at set-up and checked on every request; waiting 3 s is not measured.
      FORM_MIN_FILL_SECONDS: '0',
    },
  });
  const api = apiClient(port);
  try {
    await waitForHealthy(server, port, { timeoutMs: 180_000, pollMs: 100 });
    const setup = await setUp(api);
    const load = (urlPath: string, bodiesFile: string, headers: string[]) =>
      runLoad({
        port,
        path: urlPath,
        connections: options.connections,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        method: 'POST',
        headers: [`Origin: ${api.origin}`, 'Content-Type: application/json', ...headers],
        bodiesFile,
        expectStatus: 201,
      });
    const apiRuns: LoadReport[] = [];
    const formRuns: LoadReport[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const apiFile = path.join(dataDir, `api-${String(round)}.ndjson`);
      await writeBodies(apiFile, apiBodies(round * 2));
      console.log(`  API contact creation, round ${String(round + 1)}…`);
      apiRuns.push(
        await load(`/api/v1/agents/${setup.agentId}/contacts`, apiFile, [
          `Cookie: ${setup.cookie}`,
        ]),
      );
      const formFile = path.join(dataDir, `form-${String(round)}.ndjson`);
      await writeBodies(formFile, formBodies(round * 2 + 1, setup));
      console.log(`  public form submissions, round ${String(round + 1)}…`);
      formRuns.push(await load(`/public/v1/forms/${setup.slug}/submissions`, formFile, []));
    }
    const apiResult = summarize(apiRuns);
    const formResult = summarize(formRuns);
    const ratio = round(formResult.requestsPerSecond / apiResult.requestsPerSecond, 3);
    api.close();
    const serverStop = (await stopServer(server)) ?? 'clean';
    return {
      settings: { ...options, target: 'form submissions ≥ 0.8 × API contact creation' },
      results: {
        formSubmissions: formResult,
        apiContactCreation: apiResult,
        ratio,
        meetsTarget: ratio >= 0.8,
        serverStop,
      },
      summary: [
        {
          metric: 'form submissions/s vs API creates/s',
          measured: String(formResult.requestsPerSecond),
          baseline: String(apiResult.requestsPerSecond),
          ratio: formatRatio(formResult.requestsPerSecond, apiResult.requestsPerSecond),
        },
        {
          metric: 'latency p95 (worst round)',
          measured: `${String(formResult.latencyMsP95)} ms`,
          baseline: `${String(apiResult.latencyMsP95)} ms`,
          ratio: formatRatio(formResult.latencyMsP95, apiResult.latencyMsP95),
        },
      ],
    };
  } finally {
    api.close();
    if (!server.hasExited()) await stopServer(server);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
