import type {
  AssistantMessage,
  ChatMessage,
  ConversationStarted,
  Feedback,
  WidgetAgent,
} from '@agent-crm/contracts';
import { createSseParser } from './sse';

/*
 * The widget does not bundle zod (it would cost most of the size budget); each answer is
 * checked by a small guard instead, and anything unexpected becomes a ChatError.
 */

export class ChatError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalid(name);
  return value;
}

function invalid(name: string): ChatError {
  return new ChatError(0, 'invalid_response', `Unexpected answer from the server (${name})`);
}

function obj(value: unknown, name: string): Json {
  if (!isObject(value)) throw invalid(name);
  return value;
}

function parseWidgetAgent(value: unknown): WidgetAgent {
  const o = obj(value, 'agent');
  const questions = Array.isArray(o.suggestedQuestions) ? o.suggestedQuestions : [];
  const accessMode = o.accessMode;
  if (accessMode !== 'free' && accessMode !== 'restricted' && accessMode !== 'paid') {
    throw invalid('accessMode');
  }
  return {
    id: str(o.id, 'id'),
    name: str(o.name, 'name'),
    welcomeMessage: str(o.welcomeMessage, 'welcomeMessage'),
    suggestedQuestions: questions.filter((q): q is string => typeof q === 'string'),
    accessMode,
  };
}

function parseStarted(value: unknown): ConversationStarted {
  const o = obj(value, 'conversation');
  return {
    conversationId: str(o.conversationId, 'conversationId'),
    visitorToken: str(o.visitorToken, 'visitorToken'),
  };
}

function parseFeedback(value: unknown): Feedback | null {
  return value === 'like' || value === 'dislike' ? value : null;
}

function parseMessage(value: unknown): ChatMessage {
  const o = obj(value, 'message');
  const role = o.role === 'user' ? 'user' : 'assistant';
  return {
    id: str(o.id, 'message.id'),
    role,
    text: str(o.text, 'message.text'),
    createdAt: str(o.createdAt, 'message.createdAt'),
    feedback: parseFeedback(o.feedback),
  };
}

function parseAssistant(value: unknown): AssistantMessage {
  const o = obj(obj(value, 'reply').message, 'message');
  return { id: str(o.id, 'message.id'), role: 'assistant', text: str(o.text, 'message.text') };
}

async function toError(response: Response): Promise<ChatError> {
  let code = response.status >= 500 ? 'internal_error' : 'unknown_error';
  let message = `The server answered ${String(response.status)}`;
  try {
    const body: unknown = await response.json();
    if (isObject(body) && isObject(body.error)) {
      if (typeof body.error.code === 'string') code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message;
    }
  } catch {
    // Not JSON: keep the generic message.
  }
  return new ChatError(response.status, code, message);
}

/** Talks to `/public/v1` of one Agent CRM server, with the visitor token as a bearer. */
export class ChatClient {
  private readonly base: string;

  constructor(baseUrl: string) {
    this.base = `${baseUrl.replace(/\/+$/, '')}/public/v1`;
  }

  private async call(path: string, init: RequestInit, token?: string | null): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (init.body) headers.set('content-type', 'application/json');
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        ...init,
        headers,
        credentials: 'omit',
        mode: 'cors',
      });
    } catch {
      throw new ChatError(0, 'network_error', 'Cannot reach the chat server.');
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  async agent(agentId: string): Promise<WidgetAgent> {
    const response = await this.call(`/agents/${encodeURIComponent(agentId)}/widget`, {});
    return parseWidgetAgent(await response.json());
  }

  async start(
    agentId: string,
    channel: 'widget' | 'share',
    token: string | null,
  ): Promise<ConversationStarted> {
    const response = await this.call(
      `/agents/${encodeURIComponent(agentId)}/conversations`,
      { method: 'POST', body: JSON.stringify({ channel }) },
      token,
    );
    return parseStarted(await response.json());
  }

  async messages(conversationId: string, token: string): Promise<ChatMessage[]> {
    const response = await this.call(
      `/conversations/${encodeURIComponent(conversationId)}/messages`,
      {},
      token,
    );
    const body = obj(await response.json(), 'messages');
    return Array.isArray(body.data) ? body.data.map(parseMessage) : [];
  }

  /** Sends a message and streams the reply: `onDelta` per chunk, the stored message at the end. */
  async send(
    conversationId: string,
    token: string,
    text: string,
    onDelta: (chunk: string) => void,
    signal?: AbortSignal,
  ): Promise<AssistantMessage> {
    const response = await this.call(
      `/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        method: 'POST',
        body: JSON.stringify({ text }),
        headers: { accept: 'text/event-stream' },
        signal: signal ?? null,
      },
      token,
    );
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      return parseAssistant(await response.json());
    }
    if (!response.body) throw invalid('stream');
    const outcome: { done: AssistantMessage | null; failure: ChatError | null } = {
      done: null,
      failure: null,
    };
    const feed = createSseParser(({ event, data }) => {
      const payload: unknown = JSON.parse(data);
      if (event === 'delta' && isObject(payload) && typeof payload.text === 'string') {
        onDelta(payload.text);
      } else if (event === 'done') {
        outcome.done = parseAssistant(payload);
      } else if (event === 'error') {
        outcome.failure = new ChatError(500, 'internal_error', 'Something went wrong on our side.');
      }
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      feed(value);
    }
    if (outcome.done) return outcome.done;
    throw outcome.failure ?? new ChatError(0, 'network_error', 'The answer was cut off.');
  }

  async feedback(
    conversationId: string,
    messageId: string,
    token: string,
    feedback: Feedback | null,
  ): Promise<void> {
    await this.call(
      `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`,
      { method: 'PUT', body: JSON.stringify({ feedback }) },
      token,
    );
  }
}
