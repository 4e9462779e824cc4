import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { Config } from '../../config';
import type { CaptureField } from './assistant/extract';

export type LlmConfig = NonNullable<Config['llm']>;

export type LlmTurn = { role: 'user' | 'assistant'; text: string };

export const CAPTURE_TOOL_NAME = 'save_contact_details';

export type CapturableFields = {
  builtIns: { name: boolean; email: boolean; phone: boolean };
  fields: CaptureField[];
};

const clients = new WeakMap<LlmConfig, OpenAI>();

/** One client per configuration: it keeps the HTTP connections to the provider alive. */
function clientFor(config: LlmConfig): OpenAI {
  let client = clients.get(config);
  if (!client) {
    client = new OpenAI({
      baseURL: config.baseUrl ?? null,
      apiKey: config.apiKey,
      timeout: config.timeoutMs,
      maxRetries: 1,
    });
    clients.set(config, client);
  }
  return client;
}

function fieldJsonSchema(field: CaptureField): Record<string, unknown> {
  const description = field.label;
  switch (field.type) {
    case 'number':
      return { type: 'number', description };
    case 'boolean':
      return { type: 'boolean', description };
    case 'date':
      return { type: 'string', description: `${description} (YYYY-MM-DD)` };
    case 'select':
      return { type: 'string', enum: field.options, description };
    case 'multi_select':
      return { type: 'array', items: { type: 'string', enum: field.options }, description };
    case 'email':
      return { type: 'string', description: `${description} (email address)` };
    case 'phone':
      return { type: 'string', description: `${description} (phone number)` };
    case 'url':
      return { type: 'string', description: `${description} (web address)` };
    case 'text':
    case 'long_text':
      return { type: 'string', description };
  }
}

/** The capture tool, its JSON schema built from what this agent may capture; null if nothing. */
export function captureTool(capturable: CapturableFields): ChatCompletionTool | null {
  const properties: Record<string, Record<string, unknown>> = {};
  if (capturable.builtIns.name) {
    properties.name = { type: 'string', description: "The visitor's full name" };
  }
  if (capturable.builtIns.email) {
    properties.email = { type: 'string', description: "The visitor's email address" };
  }
  if (capturable.builtIns.phone) {
    properties.phone = {
      type: 'string',
      description: "The visitor's phone number, with country code when given",
    };
  }
  if (capturable.fields.length > 0) {
    properties.fields = {
      type: 'object',
      description: 'Other details about the visitor',
      properties: Object.fromEntries(capturable.fields.map((f) => [f.key, fieldJsonSchema(f)])),
      additionalProperties: false,
    };
  }
  if (Object.keys(properties).length === 0) return null;
  return {
    type: 'function',
    function: {
      name: CAPTURE_TOOL_NAME,
      description:
        'Save contact details the visitor has stated about themselves in this conversation. ' +
        'Call it as soon as the visitor gives any of them; only include what they said.',
      parameters: { type: 'object', properties, additionalProperties: false },
    },
  };
}

export function systemPrompt(instructions: string, hasTool: boolean): string {
  const base = instructions.trim() || 'You are a helpful assistant for this business.';
  if (!hasTool) return base;
  return (
    `${base}\n\nWhen the visitor tells you their name, email address, phone number or other ` +
    `details about themselves, call ${CAPTURE_TOOL_NAME} with exactly what they said, then keep ` +
    'helping them. Never invent details, and never save the business’s own contact details.'
  );
}

export type LlmReply = {
  text: string;
  /** Parsed arguments of each capture tool call; malformed ones are left out. */
  toolArguments: unknown[];
  malformedToolCalls: number;
  model: string;
};

type ToolCallParts = { id: string; name: string; arguments: string };

/**
 * Streams one reply from the provider. Text chunks go to `onDelta` as they arrive; capture tool
 * calls are accumulated from their streamed argument chunks and parsed at the end. When the model
 * answered with tool calls only, a second completion (told the details were saved) gives the
 * text. Throws on provider errors, timeouts (the whole reply, and between two chunks) and aborts.
 */
export async function streamLlmReply(
  config: LlmConfig,
  input: {
    model: string | null;
    system: string;
    history: LlmTurn[];
    tool: ChatCompletionTool | null;
    onDelta: (text: string) => void;
  },
): Promise<LlmReply> {
  const client = clientFor(config);
  const model = input.model ?? config.model;
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: input.system },
    ...input.history.map((turn) => ({ role: turn.role, content: turn.text })),
  ];
  const first = await streamOnce(client, config, model, messages, input.tool, input.onDelta);
  const toolArguments: unknown[] = [];
  let malformedToolCalls = 0;
  for (const call of first.toolCalls) {
    if (call.name !== CAPTURE_TOOL_NAME) continue;
    try {
      toolArguments.push(JSON.parse(call.arguments || '{}'));
    } catch {
      malformedToolCalls += 1;
    }
  }
  if (first.text.trim() !== '' || first.toolCalls.length === 0) {
    return { text: first.text, toolArguments, malformedToolCalls, model };
  }
  const followUp: ChatCompletionMessageParam[] = [
    ...messages,
    {
      role: 'assistant',
      content: null,
      tool_calls: first.toolCalls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      })),
    },
    ...first.toolCalls.map((call) => ({
      role: 'tool' as const,
      tool_call_id: call.id,
      content: call.name === CAPTURE_TOOL_NAME ? 'Saved.' : 'Unknown tool; nothing was done.',
    })),
  ];
  const second = await streamOnce(client, config, model, followUp, null, input.onDelta);
  return { text: second.text, toolArguments, malformedToolCalls, model };
}

async function streamOnce(
  client: OpenAI,
  config: LlmConfig,
  model: string,
  messages: ChatCompletionMessageParam[],
  tool: ChatCompletionTool | null,
  onDelta: (text: string) => void,
): Promise<{ text: string; toolCalls: ToolCallParts[] }> {
  // The SDK's timeout covers the wait for the response; a stream that stalls midway is cut here.
  const controller = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      controller.abort(new Error('the model stopped sending'));
    }, config.timeoutMs);
  };
  arm();
  try {
    const stream = await client.chat.completions.create(
      {
        model,
        messages,
        stream: true,
        ...(tool ? { tools: [tool] } : {}),
      },
      { signal: controller.signal },
    );
    let text = '';
    const calls: (ToolCallParts | undefined)[] = [];
    for await (const chunk of stream) {
      arm();
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (typeof delta.content === 'string' && delta.content !== '') {
        text += delta.content;
        onDelta(delta.content);
      }
      for (const part of delta.tool_calls ?? []) {
        const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
      }
    }
    // The SDK ends the iteration quietly when its signal aborts: a cut-off reply is a failure.
    if (controller.signal.aborted) throw new Error('the model stopped sending');
    return {
      text,
      toolCalls: calls
        .filter((call): call is ToolCallParts => call !== undefined)
        .map((call, i) => ({ ...call, id: call.id || `call_${String(i)}` })),
    };
  } finally {
    clearTimeout(idle);
  }
}
