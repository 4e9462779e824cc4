import {
  ChatPersonSchema,
  ContactConversationSchema,
  ConversationSchema,
  MemberChatMessageListSchema,
  pageOf,
} from '@agent-crm/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/**
 * Live updates are polling: every process answers from PostgreSQL, so it works behind any number
 * of servers without a pub/sub layer, at one small query per open list every few seconds.
 */
export const LIVE_INTERVAL_MS = 3_000;

const PeoplePageSchema = pageOf(ChatPersonSchema);
const ConversationPageSchema = pageOf(ConversationSchema);
const ContactConversationPageSchema = pageOf(ContactConversationSchema);

export const conversationKeys = {
  all: (agentId: string) => ['conversations', agentId] as const,
  people: (agentId: string, q: string) => ['conversations', agentId, 'people', q] as const,
  list: (agentId: string, who: ConversationOwner) =>
    ['conversations', agentId, 'list', who] as const,
  messages: (agentId: string, conversationId: string) =>
    ['conversations', agentId, 'messages', conversationId] as const,
  ofContact: (agentId: string, contactId: string) =>
    ['conversations', agentId, 'contact', contactId] as const,
};

/** Whose conversations: a contact's (all their visitors) or one anonymous visitor's. */
export type ConversationOwner = { contactId: string } | { visitorId: string };

const agentPath = (agentId: string) => `/agents/${encodeURIComponent(agentId)}`;

export function chatPeopleQueryOptions(agentId: string, q: string) {
  return queryOptions({
    queryKey: conversationKeys.people(agentId, q),
    queryFn: ({ signal }) =>
      apiRequest(`${agentPath(agentId)}/conversations/people`, {
        query: { q, limit: 100 },
        schema: PeoplePageSchema,
        signal,
      }),
    refetchInterval: LIVE_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useChatPeople(agentId: string, q: string) {
  return useQuery(chatPeopleQueryOptions(agentId, q));
}

export function useConversations(agentId: string, who: ConversationOwner | null) {
  return useQuery({
    queryKey: conversationKeys.list(agentId, who ?? { contactId: '' }),
    queryFn: ({ signal }) =>
      apiRequest(`${agentPath(agentId)}/conversations`, {
        query: { ...who, limit: 100 },
        schema: ConversationPageSchema,
        signal,
      }),
    enabled: who !== null,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useTranscript(agentId: string, conversationId: string | null) {
  return useQuery({
    queryKey: conversationKeys.messages(agentId, conversationId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest(
        `${agentPath(agentId)}/conversations/${encodeURIComponent(conversationId ?? '')}/messages`,
        { query: { limit: 500 }, schema: MemberChatMessageListSchema, signal },
      ),
    enabled: conversationId !== null,
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

export function useContactConversations(agentId: string, contactId: string) {
  return useQuery({
    queryKey: conversationKeys.ofContact(agentId, contactId),
    queryFn: ({ signal }) =>
      apiRequest(`${agentPath(agentId)}/contacts/${encodeURIComponent(contactId)}/conversations`, {
        query: { limit: 100 },
        schema: ContactConversationPageSchema,
        signal,
      }),
    refetchInterval: LIVE_INTERVAL_MS,
  });
}

/** A people row's key (`contact:<id>` or `visitor:<id>`) as whose conversations to list. */
export function ownerOfKey(key: string | null): ConversationOwner | null {
  const match = /^(contact|visitor):([0-9a-f-]{36})$/i.exec(key ?? '');
  if (!match?.[2]) return null;
  return match[1] === 'contact' ? { contactId: match[2] } : { visitorId: match[2] };
}
