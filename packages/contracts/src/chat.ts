import { z } from 'zod';
import { ACCESS_MODES } from './agents';
import { IdSchema, TimestampSchema } from './common';
import { FieldValueSchema } from './contacts';

/** The longest visitor message the server takes, after trimming. */
export const MAX_MESSAGE_LENGTH = 4_000;

export const CHAT_CHANNELS = ['widget', 'share', 'playground'] as const;
export const ChatChannelSchema = z.enum(CHAT_CHANNELS);
export type ChatChannel = z.infer<typeof ChatChannelSchema>;

export const MessageRoleSchema = z.enum(['user', 'assistant']);
export type MessageRole = z.infer<typeof MessageRoleSchema>;

export const FeedbackSchema = z.enum(['like', 'dislike']);
export type Feedback = z.infer<typeof FeedbackSchema>;

/** What the widget renders before a conversation starts. Never carries the instructions. */
export const WidgetAgentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  welcomeMessage: z.string(),
  suggestedQuestions: z.array(z.string()),
  accessMode: z.enum(ACCESS_MODES),
});
export type WidgetAgent = z.infer<typeof WidgetAgentSchema>;

/** Where a public conversation is held: the embedded widget (default) or the share page. */
export const ConversationStartSchema = z.object({
  channel: z.enum(['widget', 'share']).default('widget'),
});
export type ConversationStart = z.infer<typeof ConversationStartSchema>;

export const ConversationStartedSchema = z.object({
  conversationId: IdSchema,
  /** 32 random bytes, base64url; send as `Authorization: Bearer <visitorToken>`. */
  visitorToken: z.string(),
});
export type ConversationStarted = z.infer<typeof ConversationStartedSchema>;

export const MessageSendSchema = z.object({
  text: z.string().trim().min(1, 'Write a message').max(MAX_MESSAGE_LENGTH),
});
export type MessageSend = z.infer<typeof MessageSendSchema>;

export const AssistantMessageSchema = z.object({
  id: IdSchema,
  role: z.literal('assistant'),
  text: z.string(),
});
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

export const MessageReplySchema = z.object({ message: AssistantMessageSchema });
export type MessageReply = z.infer<typeof MessageReplySchema>;

/** `event: delta` payload of the streamed reply; `event: done` carries a MessageReply. */
export const MessageDeltaSchema = z.object({ text: z.string() });
export type MessageDelta = z.infer<typeof MessageDeltaSchema>;

export const ChatMessageSchema = z.object({
  id: IdSchema,
  role: MessageRoleSchema,
  text: z.string(),
  createdAt: TimestampSchema,
  feedback: FeedbackSchema.nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatMessageListSchema = z.object({
  data: z.array(ChatMessageSchema),
  nextCursor: z.string().nullable(),
});
export type ChatMessageList = z.infer<typeof ChatMessageListSchema>;

export const MessageListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().min(1).max(200).optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;

export const FeedbackWriteSchema = z.object({ feedback: FeedbackSchema.nullable() });
export type FeedbackWrite = z.infer<typeof FeedbackWriteSchema>;

/** What a visitor's message captured, as the transcript shows it to members. */
export const CapturedSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  fields: z.record(z.string(), FieldValueSchema).optional(),
});
export type Captured = z.infer<typeof CapturedSchema>;

export const MemberChatMessageSchema = ChatMessageSchema.extend({
  status: z.enum(['complete', 'failed']),
  meta: z.record(z.string(), z.unknown()),
});
export type MemberChatMessage = z.infer<typeof MemberChatMessageSchema>;

export const MemberChatMessageListSchema = z.object({
  data: z.array(MemberChatMessageSchema),
  nextCursor: z.string().nullable(),
});

export const ChatPersonSchema = z.object({
  /** `contact:<id>` or `visitor:<id>`: one row per contact, or per unidentified visitor. */
  key: z.string(),
  contactId: IdSchema.nullable(),
  visitorId: IdSchema.nullable(),
  /** "Anonymous" when the person is not known. */
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  lastMessageAt: TimestampSchema,
  conversationCount: z.number().int(),
});
export type ChatPerson = z.infer<typeof ChatPersonSchema>;

export const ChatPeopleQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(400).optional(),
});
export type ChatPeopleQuery = z.infer<typeof ChatPeopleQuerySchema>;

export const ConversationSchema = z.object({
  id: IdSchema,
  contactId: IdSchema.nullable(),
  visitorId: IdSchema,
  channel: ChatChannelSchema,
  startedAt: TimestampSchema,
  lastMessageAt: TimestampSchema.nullable(),
  messageCount: z.number().int(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListQuerySchema = z.object({
  contactId: IdSchema.optional(),
  visitorId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

export const ContactConversationSchema = ConversationSchema.pick({
  id: true,
  startedAt: true,
  lastMessageAt: true,
  messageCount: true,
});
export type ContactConversation = z.infer<typeof ContactConversationSchema>;
