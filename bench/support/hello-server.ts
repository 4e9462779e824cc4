/**
 * The baseline for the health benchmark: fastify with nothing but one route answering the same
 * JSON as GET /api/v1/health. The gap to it is the cost of everything the real server adds
 * (hooks, access checks, schema serialization, plugins).
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a positive integer');

const app = Fastify({ logger: false });
app.get('/api/v1/health', () => ({ status: 'ok' }));

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

await app.listen({ port, host: '127.0.0.1' });
