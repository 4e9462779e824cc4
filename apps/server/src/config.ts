import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5488),
  AUTH_SECRET: z.string().min(32).optional(),
  ALLOW_SIGNUP: booleanFlag,
  TRUST_PROXY: booleanFlag,
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Agent CRM <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  CHAT_MESSAGES_PER_VISITOR: z.coerce.number().int().min(1).default(20),
  CHAT_MESSAGES_PER_IP: z.coerce.number().int().min(1).default(60),
  CHAT_STARTS_PER_IP: z.coerce.number().int().min(1).default(30),
  FORM_SUBMISSIONS_PER_IP: z.coerce.number().int().min(1).default(20),
  FORM_SUBMISSIONS_PER_FORM: z.coerce.number().int().min(1).default(600),
  FORM_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  appUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedDbPort: number;
  authSecret: string | undefined;
  allowSignup: boolean;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Requests per IP per minute to each of sign-in, setup, sign-up and the invitation routes. */
  authRateLimitPerIp: number;
  /** Failed sign-ins per account within 15 minutes before the account is locked for that window. */
  signInFailuresPerAccount: number;
  /**
   * The OpenAI-compatible chat-completions endpoint; null when neither a base URL nor a key is
   * set, and the rule-based assistant answers instead.
   */
  llm: { baseUrl: string | undefined; apiKey: string; model: string; timeoutMs: number } | null;
  /** Visitor messages per visitor and per IP, and conversation starts per IP, per minute. */
  chatMessagesPerVisitor: number;
  chatMessagesPerIp: number;
  chatStartsPerIp: number;
  /** Public form submissions per IP per form, per minute. */
  formSubmissionsPerIp: number;
  /** Public form submissions per form from all visitors, per minute. */
  formSubmissionsPerForm: number;
  /** Seconds between rendering a public form and the earliest accepted submission. */
  formMinFillSeconds: number;
};

/** The only reader of process.env. Fails with every invalid variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    authSecret: e.AUTH_SECRET,
    allowSignup: e.ALLOW_SIGNUP,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    authRateLimitPerIp: e.AUTH_RATE_LIMIT_PER_IP,
    signInFailuresPerAccount: e.SIGN_IN_FAILURES_PER_ACCOUNT,
    llm:
      e.LLM_BASE_URL === undefined && e.LLM_API_KEY === undefined
        ? null
        : {
            baseUrl: e.LLM_BASE_URL?.replace(/\/+$/, ''),
            // Local servers (Ollama, llama.cpp, vLLM) take any key; the SDK insists on one.
            apiKey: e.LLM_API_KEY ?? 'not-needed',
            model: e.LLM_MODEL,
            timeoutMs: e.LLM_TIMEOUT_MS,
          },
    chatMessagesPerVisitor: e.CHAT_MESSAGES_PER_VISITOR,
    chatMessagesPerIp: e.CHAT_MESSAGES_PER_IP,
    chatStartsPerIp: e.CHAT_STARTS_PER_IP,
    formSubmissionsPerIp: e.FORM_SUBMISSIONS_PER_IP,
    formSubmissionsPerForm: e.FORM_SUBMISSIONS_PER_FORM,
    formMinFillSeconds: e.FORM_MIN_FILL_SECONDS,
  };
}
