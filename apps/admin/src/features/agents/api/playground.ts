import {
  ConversationStartedSchema,
  ErrorBodySchema,
  MessageDeltaSchema,
  MessageReplySchema,
  type AssistantMessage,
  type ConversationStarted,
} from '@agent-crm/contracts';
import { ApiError, apiRequest } from '../../../lib/api-client';

/** A playground conversation: any member who works in the agent, whatever its access mode. */
export function startPlayground(agentId: string): Promise<ConversationStarted> {
  return apiRequest(`/agents/${encodeURIComponent(agentId)}/playground/conversations`, {
    method: 'POST',
    schema: ConversationStartedSchema,
  });
}

/** Splits server-sent events as chunks arrive; an event may be cut anywhere between chunks. */
export function createSseParser(
  onEvent: (event: string, data: string) => void,
): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  };
}

/**
 * Sends a message through the visitors' endpoint, exactly as the widget does, and streams the
 * reply. A raw fetch: the admin's JSON client cannot read a stream.
 */
export async function sendPlaygroundMessage(
  started: ConversationStarted,
  text: string,
  onDelta: (chunk: string) => void,
  signal?: AbortSignal,
): Promise<AssistantMessage> {
  const response = await fetch(
    `/public/v1/conversations/${encodeURIComponent(started.conversationId)}/messages`,
    {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${started.visitorToken}`,
      },
      body: JSON.stringify({ text }),
      credentials: 'omit',
      signal: signal ?? null,
    },
  ).catch(() => {
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  });
  if (!response.ok) {
    const body = ErrorBodySchema.safeParse(await response.json().catch(() => null));
    throw body.success
      ? new ApiError(response.status, body.data.error.code, body.data.error.message)
      : new ApiError(response.status, 'unknown_error', `The server answered ${response.status}`);
  }
  if (!response.body) throw new ApiError(0, 'invalid_response', 'The reply could not be read.');
  const outcome: { message: AssistantMessage | null; failed: boolean } = {
    message: null,
    failed: false,
  };
  const feed = createSseParser((event, data) => {
    const payload: unknown = JSON.parse(data);
    if (event === 'delta') onDelta(MessageDeltaSchema.parse(payload).text);
    else if (event === 'done') outcome.message = MessageReplySchema.parse(payload).message;
    else if (event === 'error') outcome.failed = true;
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    feed(value);
  }
  if (outcome.message) return outcome.message;
  throw new ApiError(
    500,
    outcome.failed ? 'internal_error' : 'network_error',
    'The reply was cut off.',
  );
}
