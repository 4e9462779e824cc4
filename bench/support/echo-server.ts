/**
 * The baseline for the chat benchmark: bare fastify answering a visitor message the way the chat
 * API does ({ message: { id, role, text } }), with nothing else — no database, no checks. The gap
 * to it is what the real server adds per message.
 */
import crypto from 'node:crypto';
import Fastify from 'fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a positive integer');

const app = Fastify({ logger: false });
app.get('/api/v1/health', () => ({ status: 'ok' }));
app.post('/echo', (request) => {
  const body = request.body as { text?: unknown } | null;
  const text = typeof body?.text === 'string' ? body.text : '';
  return { message: { id: crypto.randomUUID(), role: 'assistant', text: `You said: ${text}` } };
});

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

await app.listen({ port, host: '127.0.0.1' });
