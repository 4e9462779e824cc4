import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ERROR_STATUS,
  MAX_FILE_SIZE_MB,
  type ErrorBody,
  type ErrorCode,
  type ErrorDetail,
} from '@agent-crm/contracts';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Deps } from './lib/context';
import { assertSameOrigin } from './lib/csrf';
import { localDiskStorage } from './lib/storage';
import { AppError } from './lib/errors';
import { newId } from './lib/ids';
import { postgresRateLimitStore } from './lib/rate-limit-store';
import { access, enforceRouteDeclarations, publicPluginRoutes, typed } from './lib/route';
import { agentRoutes } from './modules/agents/agents.routes';
import { contactRoutes } from './modules/contacts/contacts.routes';
import { fileRoutes } from './modules/files/files.routes';
import { noteRoutes } from './modules/notes/notes.routes';
import { crmSettingsRoutes } from './modules/crm-settings/crm-settings.routes';
import { customFieldRoutes } from './modules/custom-fields/custom-fields.routes';
import { recordAuditEvent } from './modules/audit/audit.service';
import { auditRoutes } from './modules/audit/audit.routes';
import { automationRoutes } from './modules/automations/automations.routes';
import { chatRoutes } from './modules/chat/chat.routes';
import { formRoutes } from './modules/forms/forms.routes';
import { jobRoutes } from './modules/jobs/jobs.routes';
import { createAuth } from './modules/auth/better-auth';
import { authRoutes } from './modules/auth/auth.routes';
import { findSessionMember } from './modules/auth/auth.service';
import { createMailer } from './modules/mail/mail.service';
import { mailRoutes } from './modules/mail/mail.routes';
import { organizationRoutes } from './modules/organizations/organizations.routes';
import { z } from 'zod';

const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));
const API_PREFIXES = ['/api/', '/public/', '/webhooks/'];

export type BuildOptions = {
  config: Config;
  database: Database;
  authSecret: string;
  /** false in tests; otherwise pino at the configured level, with secrets redacted. */
  logger?: boolean;
};

/** Builds the fastify app: plugins, the one error handler, access checks, every module's routes. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
              ],
              censor: '[redacted]',
            },
          },
    genReqId: () => newId(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  enforceRouteDeclarations(app);

  const mailer = createMailer({ db: database.db, config, log: app.log });
  const auth = createAuth({ db: database.db, config, secret: options.authSecret });
  const storage = localDiskStorage(path.join(config.dataDir, 'files'));
  const deps: Deps = {
    db: database.db,
    searchDb: database.searchDb,
    config,
    auth,
    mailer,
    storage,
  };
  app.decorate('deps', deps);
  app.addHook('onClose', () => {
    mailer.close();
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await app.register(fastifyCookie);
  // Upload limits are per agent and applied per request (files.routes.ts); this is the ceiling.
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_FILE_SIZE_MB * 1024 * 1024, files: 20, fields: 10 },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    store: postgresRateLimitStore(database.pool),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests. Try again in ${context.after}.`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Agent CRM API',
        version: '0.1.0',
        description:
          'The REST API of Agent CRM. Members call /api/v1 with their session cookie; errors are ' +
          '`{ error: { code, message, details } }`; lists are `{ data, nextCursor }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'agentcrm.session_token' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    publicPluginRoutes(scope);
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  app.addHook('onRequest', authorize);
  app.addHook('onSend', securityHeaders);
  app.addHook('preSerialization', rememberResourceId);
  app.addHook('onResponse', auditWrite);

  typed(app).get('/api/v1/health', {
    config: { access: access.public },
    schema: {
      tags: ['system'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: () => ({ status: 'ok' as const }),
  });
  app.get('/api/v1/openapi.json', {
    config: { access: access.public },
    schema: { hide: true },
    handler: () => app.swagger(),
  });

  authRoutes(app);
  organizationRoutes(app);
  agentRoutes(app);
  auditRoutes(app);
  mailRoutes(app);
  crmSettingsRoutes(app);
  customFieldRoutes(app);
  contactRoutes(app);
  noteRoutes(app);
  fileRoutes(app);
  automationRoutes(app);
  chatRoutes(app);
  formRoutes(app);
  jobRoutes(app);

  if (fs.existsSync(ADMIN_DIST)) {
    await app.register(async (scope) => {
      publicPluginRoutes(scope);
      await scope.register(fastifyStatic, {
        root: ADMIN_DIST,
        wildcard: false,
        index: false,
        // The bundle's hashed assets never change; index.html must always be fresh.
        setHeaders: (reply, filePath) => {
          void reply.header(
            'cache-control',
            filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    });
  }

  return app;
}

/** Headers every answer carries: no framing by other sites, no MIME sniffing, no referrer leaks. */
async function securityHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('x-frame-options', 'DENY');
  void reply.header('referrer-policy', 'same-origin');
  return Promise.resolve(payload);
}

/** Attaches the member context on member routes, after refusing cross-site cookie writes. */
async function authorize(request: FastifyRequest): Promise<void> {
  const routeAccess = request.routeOptions.config.access;
  if (!routeAccess || routeAccess.kind === 'public') return;
  const deps = request.server.deps;
  if (request.headers.cookie) {
    assertSameOrigin(request, [deps.config.appUrl]);
  }
  const found = await findSessionMember(deps, request.headers);
  if (!found) throw new AppError('unauthenticated', 'Sign in to continue');
  if (!routeAccess.roles.includes(found.actor.role)) {
    throw new AppError('forbidden', 'Your role does not allow this');
  }
  request.memberContext = {
    ...deps,
    ...found,
    requestId: request.id,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
}

function rememberResourceId(request: FastifyRequest, _reply: FastifyReply, payload: unknown) {
  if (
    request.auditResourceId === undefined &&
    payload &&
    typeof payload === 'object' &&
    'id' in payload
  ) {
    const id = payload.id;
    if (typeof id === 'string') request.auditResourceId = id;
  }
  return Promise.resolve(payload);
}

/** Every successful change made through the API by a member lands in the audit log. */
async function auditWrite(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const spec = request.routeOptions.config.audit;
  const ctx = request.memberContext;
  if (!spec || !ctx || reply.statusCode >= 400) return;
  const params = request.params as Record<string, unknown>;
  const paramId = Object.entries(params).findLast(([key]) => key.endsWith('Id'))?.[1];
  try {
    await recordAuditEvent(ctx.db, {
      organizationId: ctx.organizationId,
      actorId: ctx.actor.userId,
      actorEmail: ctx.actor.email,
      action: spec.action,
      outcome: 'success',
      resourceType: spec.resourceType,
      resourceId: request.auditResourceId ?? (typeof paramId === 'string' ? paramId : null),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
      },
    });
  } catch (error) {
    request.log.error({ err: error }, 'audit event could not be recorded');
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

const FASTIFY_MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_json: 'The request body is not valid JSON',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Send the request body as application/json',
};

function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  const body: ErrorBody = { error: { code, message, ...(details ? { details } : {}) } };
  return reply.code(ERROR_STATUS[code]).type('application/json').send(body);
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.headers) void reply.headers(error.headers);
    return sendError(reply, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext;
    const details = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return {
        path: path || (where === 'body' ? 'body' : String(where)),
        message: issue.message ?? 'Invalid value',
      };
    });
    const fields = [...new Set(details.map((d) => d.path))].join(', ');
    return sendError(reply, 'validation_failed', `Check these fields: ${fields}`, details);
  }
  const mapped = FASTIFY_CODES[error.code];
  if (mapped) return sendError(reply, mapped, FASTIFY_MESSAGES[mapped] ?? error.message);
  const status = error.statusCode ?? 500;
  if (status === 429)
    return sendError(reply, 'rate_limited', 'Too many requests. Try again later.');
  if (status >= 400 && status < 500) {
    const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === status)?.[0] ??
      'validation_failed') as ErrorCode;
    return sendError(reply, code, error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply
    .code(500)
    .type('application/json')
    .send({
      error: {
        code: 'internal_error',
        message: 'Something went wrong on our side. It has been logged.',
        requestId: request.id,
      },
    } satisfies ErrorBody);
}

function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
  if (!isApi && request.method === 'GET' && fs.existsSync(ADMIN_DIST)) {
    // The admin app routes in the browser: every other page is its index.html.
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(fs.createReadStream(path.join(ADMIN_DIST, 'index.html')));
  }
  return sendError(
    reply,
    'not_found',
    `No route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
  );
}
