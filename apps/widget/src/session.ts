/** What a returning visitor continues with: their token and their latest conversation. */
export interface VisitorSession {
  visitorToken: string;
  conversationId: string;
}

const key = (agentId: string) => `agent-crm:${agentId}`;

/** localStorage can be missing or throw (privacy modes, sandboxed frames): then no memory. */
export function loadSession(agentId: string): VisitorSession | null {
  try {
    const raw = localStorage.getItem(key(agentId));
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (
      typeof value === 'object' &&
      value !== null &&
      'visitorToken' in value &&
      'conversationId' in value &&
      typeof value.visitorToken === 'string' &&
      typeof value.conversationId === 'string'
    ) {
      return { visitorToken: value.visitorToken, conversationId: value.conversationId };
    }
  } catch {
    // Unreadable: start afresh.
  }
  return null;
}

export function saveSession(agentId: string, session: VisitorSession | null): void {
  try {
    if (session) localStorage.setItem(key(agentId), JSON.stringify(session));
    else localStorage.removeItem(key(agentId));
  } catch {
    // Storage refused: the conversation still works for this page view.
  }
}
