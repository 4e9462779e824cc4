/** The one-line embed snippet and the share page's address, for this server. */
export function widgetLinks(agentId: string, origin: string) {
  return {
    snippet: `<script src="${origin}/embed.js" data-agent-id="${agentId}" async></script>`,
    inlineSnippet:
      `<div id="agent-crm-chat" style="height:600px"></div>\n` +
      `<script src="${origin}/embed.js" data-agent-id="${agentId}" data-mode="inline" data-target="#agent-crm-chat" async></script>`,
    shareUrl: `${origin}/chat/${agentId}`,
  };
}
