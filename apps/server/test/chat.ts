/** Helpers for the chat tests: a visitor speaking the public API, as the widget does. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from './app';

export type Started = { conversationId: string; visitorToken: string };

export async function createAgent(
  owner: Client,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await owner.post('/api/v1/agents', {
    name: 'Clinic helper',
    visibility: 'public',
    accessMode: 'free',
    defaultCountry: 'GB',
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(`agent: ${response.body}`);
  return response.json<{ id: string }>().id;
}

export async function addField(
  owner: Client,
  agentId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await owner.post(`/api/v1/agents/${agentId}/fields`, body);
  if (response.statusCode !== 201) throw new Error(`field: ${response.body}`);
}

export class Visitor {
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '203.0.113.7',
  ) {}

  token: string | null = null;
  conversationId: string | null = null;

  inject(
    method: 'GET' | 'POST' | 'PUT' | 'OPTIONS',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        origin: 'https://customer.example',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  async start(agentId: string, body?: unknown): Promise<LightMyRequestResponse> {
    const response = await this.inject('POST', `/public/v1/agents/${agentId}/conversations`, body);
    if (response.statusCode === 201) {
      const started = response.json<Started>();
      this.token = started.visitorToken;
      this.conversationId = started.conversationId;
    }
    return response;
  }

  async mustStart(agentId: string): Promise<Started> {
    const response = await this.start(agentId);
    if (response.statusCode !== 201) throw new Error(`start: ${response.body}`);
    return response.json<Started>();
  }

  send(text: unknown, conversationId = this.conversationId, headers: Record<string, string> = {}) {
    return this.inject(
      'POST',
      `/public/v1/conversations/${String(conversationId)}/messages`,
      { text },
      headers,
    );
  }

  async say(text: string): Promise<string> {
    const response = await this.send(text);
    if (response.statusCode !== 200) throw new Error(`send: ${response.body}`);
    return response.json<{ message: { text: string } }>().message.text;
  }

  messages(conversationId = this.conversationId) {
    return this.inject('GET', `/public/v1/conversations/${String(conversationId)}/messages`);
  }
}

export type SseEvent = { event: string; data: unknown };

/** Parses a complete text/event-stream body. */
export function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length) ?? '';
      const data = lines.find((l) => l.startsWith('data: '))?.slice('data: '.length) ?? 'null';
      return { event, data: JSON.parse(data) as unknown };
    });
}

export const NO_LIMITS = {
  CHAT_MESSAGES_PER_VISITOR: '100000',
  CHAT_MESSAGES_PER_IP: '100000',
  CHAT_STARTS_PER_IP: '100000',
};
