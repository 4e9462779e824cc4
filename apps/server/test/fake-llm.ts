/**
 * A real OpenAI-compatible chat-completions server for tests and benchmarks (node:http, the
 * wire format of /v1/chat/completions, streamed as server-sent events or answered as JSON).
 * Each request takes the next scripted reply; with none left it echoes the visitor's message.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ScriptedToolCall = {
  name?: string;
  /** Raw JSON text of the arguments, as the model would send it (may be malformed on purpose). */
  arguments: string;
  /** The arguments are streamed in pieces of this many characters. */
  chunkSize?: number;
};

export type Script =
  | { kind: 'text'; chunks: string[]; delayMs?: number }
  | { kind: 'tool'; calls: ScriptedToolCall[]; chunks?: string[] }
  | { kind: 'error'; status: number; message?: string }
  /** Sends these chunks, then never finishes: the client's timeout must end it. */
  | { kind: 'stall'; chunks?: string[] };

export type ReceivedRequest = {
  model: string;
  stream: boolean;
  messages: { role: string; content: string | null; tool_calls?: unknown[] }[];
  tools?: { type: string; function: { name: string; parameters: Record<string, unknown> } }[];
  authorization: string | undefined;
};

export type FakeLlm = {
  /** The base URL to give as LLM_BASE_URL (ends in /v1). */
  baseUrl: string;
  requests: ReceivedRequest[];
  enqueue: (...scripts: Script[]) => void;
  /** Scripts not yet used (a test can assert the server asked exactly as often as expected). */
  pending: () => number;
  reset: () => void;
  close: () => Promise<void>;
};

function chunk(model: string, delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

function lastUserText(request: ReceivedRequest): string {
  return request.messages.findLast((m) => m.role === 'user')?.content ?? '';
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: Script[] = [];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (part: Buffer) => body.push(part));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(body).toString('utf8'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const parsed = JSON.parse(raw) as Omit<ReceivedRequest, 'authorization'>;
    const request: ReceivedRequest = { ...parsed, authorization: req.headers.authorization };
    requests.push(request);
    const script: Script = queue.shift() ?? {
      kind: 'text',
      chunks: pieces(`You said: ${lastUserText(request)}`, 8),
    };
    const model = request.model;

    if (script.kind === 'error') {
      res.writeHead(script.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: script.message ?? 'scripted failure', type: 'server_error' },
        }),
      );
      return;
    }

    if (!request.stream) {
      const text =
        script.kind === 'tool' ? (script.chunks ?? []).join('') : (script.chunks ?? []).join('');
      const toolCalls =
        script.kind === 'tool'
          ? script.calls.map((call, i) => ({
              id: `call_${String(i)}`,
              type: 'function',
              function: { name: call.name ?? 'save_contact_details', arguments: call.arguments },
            }))
          : undefined;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: text || null, tool_calls: toolCalls },
              finish_reason: toolCalls ? 'tool_calls' : 'stop',
            },
          ],
        }),
      );
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (data: unknown) => {
      if (!res.destroyed) res.write(`data: ${JSON.stringify(data)}\n\n`);
    };
    send(chunk(model, { role: 'assistant', content: '' }));

    if (script.kind === 'stall') {
      for (const text of script.chunks ?? []) send(chunk(model, { content: text }));
      return; // never ends; closed when the client gives up or the fake closes
    }

    if (script.kind === 'text') {
      for (const text of script.chunks) {
        if (script.delayMs) await sleep(script.delayMs);
        send(chunk(model, { content: text }));
      }
      send(chunk(model, {}, 'stop'));
    } else {
      for (const text of script.chunks ?? []) send(chunk(model, { content: text }));
      script.calls.forEach((call, index) => {
        send(
          chunk(model, {
            tool_calls: [
              {
                index,
                id: `call_${String(index)}`,
                type: 'function',
                function: { name: call.name ?? 'save_contact_details', arguments: '' },
              },
            ],
          }),
        );
        for (const part of pieces(call.arguments, call.chunkSize ?? 7)) {
          send(chunk(model, { tool_calls: [{ index, function: { arguments: part } }] }));
        }
      });
      send(chunk(model, {}, 'tool_calls'));
    }
    if (!res.destroyed) res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}/v1`,
    requests,
    enqueue: (...scripts) => {
      queue.push(...scripts);
    },
    pending: () => queue.length,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
