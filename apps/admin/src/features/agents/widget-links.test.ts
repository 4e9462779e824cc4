import { describe, expect, it } from 'vitest';
import { createSseParser } from './api/playground';
import { widgetLinks } from './widget-links';

describe('widgetLinks', () => {
  it('builds the one-line snippet and share link for this server', () => {
    const links = widgetLinks('agent-1', 'https://crm.example');
    expect(links.snippet).toBe(
      '<script src="https://crm.example/embed.js" data-agent-id="agent-1" async></script>',
    );
    expect(links.inlineSnippet).toContain('data-mode="inline" data-target="#agent-crm-chat"');
    expect(links.shareUrl).toBe('https://crm.example/chat/agent-1');
  });
});

describe('createSseParser', () => {
  it('reassembles events cut anywhere between chunks, CRLF or LF', () => {
    const events: Array<[string, string]> = [];
    const feed = createSseParser((event, data) => events.push([event, data]));
    const stream =
      'event: delta\r\ndata: {"text":"Hel"}\r\n\r\nevent: delta\ndata: {"text":"lo"}\n\n' +
      ': keep-alive\n\nevent: done\ndata: {"message":{"id":"m","role":"assistant","text":"Hello"}}\n\n';
    for (let i = 0; i < stream.length; i += 7) feed(stream.slice(i, i + 7));
    expect(events).toEqual([
      ['delta', '{"text":"Hel"}'],
      ['delta', '{"text":"lo"}'],
      ['done', '{"message":{"id":"m","role":"assistant","text":"Hello"}}'],
    ]);
  });

  it('keeps an unfinished event until its blank line arrives', () => {
    const events: string[] = [];
    const feed = createSseParser((_event, data) => events.push(data));
    feed('event: delta\ndata: {"text":"a"}\n');
    expect(events).toEqual([]);
    feed('\n');
    expect(events).toEqual(['{"text":"a"}']);
  });
});
