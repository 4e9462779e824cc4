const STORAGE_KEY = 'agent-crm:last-agent-id';

/** The agent last worked in, so the app reopens where the member left off. */
export function readLastAgentId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function writeLastAgentId(agentId: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, agentId);
  } catch {
    // Storage can be unavailable (private mode, quotas); remembering is only a convenience.
  }
}

/** The agent to open: the remembered one if it is still listed, else the first. */
export function pickAgentId(agentIds: string[]): string | null {
  const last = readLastAgentId();
  if (last && agentIds.includes(last)) return last;
  return agentIds[0] ?? null;
}
