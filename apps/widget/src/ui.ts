import type { ChatMessage, Feedback, WidgetAgent } from '@agent-crm/contracts';
import { loadSession, saveSession, type VisitorSession } from './session';
import { STYLES } from './styles';
import { ChatClient, ChatError } from './transport';

export type WidgetMode = 'bubble' | 'inline' | 'page';

export interface ChatOptions {
  agentId: string;
  mode: WidgetMode;
  baseUrl: string;
}

const FRIENDLY: Record<string, string> = {
  agent_private: 'This agent is private.',
  sign_in_required: 'Sign in to chat with this agent.',
  payment_required: 'This agent is available to paying customers only.',
  not_found: 'This chat is not available.',
  rate_limited: 'You are sending messages too fast. Please wait a moment and try again.',
  network_error: 'Cannot reach the chat right now. Please try again.',
  validation_failed: 'That message could not be sent. Try a shorter one.',
};

/** What the visitor reads for an error: never the server's technical wording. */
export function friendlyError(error: unknown): string {
  const code = error instanceof ChatError ? error.code : '';
  return FRIENDLY[code] ?? 'Something went wrong. Please try again.';
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

// Drawn rather than emoji: not every system has an emoji font.
const THUMB_UP =
  'M7 11v8a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3a4 4 0 0 0 4-4V6a2 2 0 0 1 4 0v5h3a2 2 0 0 1 2 2l-1 5a2 3 0 0 1-2 2h-7a3 3 0 0 1-3-3';
const THUMB_DOWN =
  'M7 13V5a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h3a4 4 0 0 1 4 4v1a2 2 0 0 0 4 0v-5h3a2 2 0 0 0 2-2l-1-5a2 3 0 0 0-2-2h-7a3 3 0 0 0-3 3';

/** One chat: its shadow-rooted DOM, the visitor's session and the conversation with the server. */
export class ChatWidget {
  readonly host: HTMLElement;
  private readonly client: ChatClient;
  private readonly options: ChatOptions;
  private readonly abort = new AbortController();
  private session: VisitorSession | null;
  private agent: WidgetAgent | null = null;
  private busy = false;
  private readonly launcher: HTMLButtonElement | null;
  private readonly panel: HTMLElement;
  private readonly title: HTMLElement;
  private readonly log: HTMLElement;
  private readonly suggestions: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;

  constructor(container: Element | null, options: ChatOptions) {
    this.options = options;
    this.client = new ChatClient(options.baseUrl);
    this.session = loadSession(options.agentId);
    const isBubble = options.mode === 'bubble';

    this.host = document.createElement('agent-crm-chat');
    this.host.setAttribute('data-agent-id', options.agentId);
    // Inline and !important so the host page's own rules cannot restyle or hide the host.
    this.host.style.cssText = isBubble
      ? 'all:initial!important;position:fixed!important;z-index:2147483000!important'
      : 'all:initial!important;display:block!important;height:100%!important';
    const root = this.host.attachShadow({ mode: 'open' });
    const style = el('style', {}, STYLES);
    const wrap = el('div', { class: `w ${options.mode}` });

    this.panel = el('section', {
      class: 'panel',
      id: 'panel',
      role: isBubble ? 'dialog' : 'region',
      'aria-label': 'Chat',
    });
    const head = el('div', { class: 'head' });
    this.title = el('span', {}, 'Chat');
    head.append(this.title);
    if (isBubble) {
      const close = el('button', { type: 'button', 'aria-label': 'Close chat' }, '×');
      close.addEventListener('click', () => {
        this.close();
      });
      head.append(close);
    }
    this.log = el('div', {
      class: 'log',
      role: 'log',
      'aria-live': 'polite',
      'aria-label': 'Messages',
      tabindex: '0',
    });
    this.suggestions = el('div', { class: 'sugg', 'aria-label': 'Suggested questions' });
    this.notice = el('p', { class: 'note', role: 'alert', hidden: '' });
    const form = el('form');
    this.input = el('textarea', {
      rows: '1',
      'aria-label': 'Message',
      placeholder: 'Write a message…',
      maxlength: '4000',
    });
    this.sendButton = el('button', { type: 'submit', 'aria-label': 'Send message' }, 'Send');
    form.append(this.input, this.sendButton);
    this.panel.append(head, this.log, this.suggestions, this.notice, form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(this.input.value);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.send(this.input.value);
      }
    });

    if (isBubble) {
      this.launcher = el('button', {
        type: 'button',
        class: 'launch',
        'aria-label': 'Open chat',
        'aria-expanded': 'false',
        'aria-controls': 'panel',
      });
      this.launcher.innerHTML = CHAT_ICON;
      this.launcher.addEventListener('click', () => {
        if (this.panel.hidden) this.open();
        else this.close();
      });
      this.panel.hidden = true;
      this.panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          this.close();
        }
      });
      wrap.append(this.panel, this.launcher);
    } else {
      this.launcher = null;
      wrap.append(this.panel);
    }
    root.append(style, wrap);
    (container ?? document.body).append(this.host);
    void this.load();
  }

  open(): void {
    if (!this.launcher) return;
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', 'Close chat');
    this.input.focus();
  }

  close(): void {
    if (!this.launcher) return;
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', 'Open chat');
    this.launcher.focus();
  }

  destroy(): void {
    this.abort.abort();
    this.host.remove();
  }

  private showNotice(text: string | null): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = text === null;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.disabled = busy || this.agent === null;
  }

  private async load(): Promise<void> {
    this.setBusy(true);
    try {
      this.agent = await this.client.agent(this.options.agentId);
    } catch (error) {
      this.showNotice(friendlyError(error));
      this.input.disabled = true;
      this.setBusy(false);
      return;
    }
    const { name, welcomeMessage, suggestedQuestions } = this.agent;
    this.title.textContent = name;
    this.panel.setAttribute('aria-label', `Chat with ${name}`);
    if (welcomeMessage) this.addMessage('assistant', welcomeMessage);
    for (const question of suggestedQuestions) {
      const button = el('button', { type: 'button' }, question);
      button.addEventListener('click', () => {
        void this.send(question);
      });
      this.suggestions.append(button);
    }
    if (this.session) {
      try {
        const history = await this.client.messages(
          this.session.conversationId,
          this.session.visitorToken,
        );
        for (const message of history) this.addMessage(message.role, message.text, message);
        if (history.some((m) => m.role === 'user')) this.suggestions.hidden = true;
      } catch (error) {
        // The conversation is gone or the token no longer works: start afresh next message.
        if (error instanceof ChatError && (error.status === 401 || error.status === 404)) {
          this.forget();
        }
      }
    }
    this.setBusy(false);
  }

  private forget(): void {
    this.session = null;
    saveSession(this.options.agentId, null);
  }

  private async startConversation(): Promise<VisitorSession> {
    const channel = this.options.mode === 'page' ? 'share' : 'widget';
    const token = this.session?.visitorToken ?? null;
    let started;
    try {
      started = await this.client.start(this.options.agentId, channel, token);
    } catch (error) {
      if (!(token && error instanceof ChatError && error.code === 'unauthenticated')) throw error;
      this.forget();
      started = await this.client.start(this.options.agentId, channel, null);
    }
    this.session = started;
    saveSession(this.options.agentId, started);
    return started;
  }

  /** Sends the visitor's text and streams the agent's answer into a new message. */
  async send(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text || this.busy || !this.agent) return;
    this.setBusy(true);
    this.showNotice(null);
    this.input.value = '';
    this.suggestions.hidden = true;
    const question = this.addMessage('user', text);
    const answer = this.addMessage('assistant', '');
    answer.row.setAttribute('aria-busy', 'true');
    try {
      let session = this.session ?? (await this.startConversation());
      const stream = (s: VisitorSession) =>
        this.client.send(
          s.conversationId,
          s.visitorToken,
          text,
          (chunk) => {
            answer.text.textContent += chunk;
            this.scroll();
          },
          this.abort.signal,
        );
      let reply;
      try {
        reply = await stream(session);
      } catch (error) {
        // A stored conversation that no longer exists: one fresh start, then the same text.
        if (!(error instanceof ChatError && (error.status === 404 || error.status === 401))) {
          throw error;
        }
        this.forget();
        session = await this.startConversation();
        answer.text.textContent = '';
        reply = await stream(session);
      }
      answer.text.textContent = reply.text;
      this.addActions(answer.row, answer.text, {
        id: reply.id,
        role: 'assistant',
        text: reply.text,
        createdAt: '',
        feedback: null,
      });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      // Not sent (or no answer): the text goes back into the box to try again.
      question.row.remove();
      answer.row.remove();
      this.showNotice(friendlyError(error));
      this.input.value = text;
    } finally {
      answer.row.removeAttribute('aria-busy');
      this.setBusy(false);
    }
    this.input.focus();
  }

  private scroll(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private addMessage(
    role: ChatMessage['role'],
    text: string,
    stored?: ChatMessage,
  ): { row: HTMLElement; text: HTMLElement } {
    const row = el('div', { class: `m ${role}` });
    const body = el('div', { class: 't' }, text);
    row.append(body);
    this.log.append(row);
    if (stored && role === 'assistant') this.addActions(row, body, stored);
    this.scroll();
    return { row, text: body };
  }

  private addActions(row: HTMLElement, body: HTMLElement, message: ChatMessage): void {
    const actions = el('div', { class: 'acts' });
    const copy = el('button', { type: 'button', 'aria-label': 'Copy message' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard.writeText(body.textContent).then(
        () => {
          copy.textContent = 'Copied';
        },
        () => {
          copy.textContent = 'Copy failed';
        },
      );
    });
    actions.append(copy);
    let current: Feedback | null = message.feedback;
    const buttons: Partial<Record<Feedback, HTMLButtonElement>> = {};
    const paint = () => {
      for (const [value, button] of Object.entries(buttons)) {
        button.setAttribute('aria-pressed', String(current === value));
      }
    };
    for (const [value, label, path] of [
      ['like', 'Helpful', THUMB_UP],
      ['dislike', 'Not helpful', THUMB_DOWN],
    ] as const) {
      const button = el('button', { type: 'button', 'aria-label': label });
      // A constant of this file, never visitor or server text.
      button.innerHTML = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;
      buttons[value] = button;
      button.addEventListener('click', () => {
        const session = this.session;
        if (!session) return;
        const next = current === value ? null : value;
        const previous = current;
        current = next;
        paint();
        this.client
          .feedback(session.conversationId, message.id, session.visitorToken, next)
          .catch((error: unknown) => {
            current = previous;
            paint();
            this.showNotice(friendlyError(error));
          });
      });
      actions.append(button);
    }
    paint();
    row.append(actions);
  }
}
