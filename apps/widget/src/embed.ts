import { ChatWidget, type WidgetMode } from './ui';

export interface InitOptions {
  agentId: string;
  mode?: WidgetMode;
  /** Where inline and page modes render: an element, a CSS selector or an element id. */
  target?: Element | string;
  /** The Agent CRM server; defaults to where this script was loaded from. */
  baseUrl?: string;
}

export interface WidgetHandle {
  open: () => void;
  close: () => void;
  destroy: () => void;
}

// Read while the script runs: afterwards `currentScript` is gone.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const scriptOrigin = script?.src ? new URL(script.src).origin : location.origin;
const widgets = new Set<ChatWidget>();

function resolveTarget(target: Element | string | undefined): Element | null {
  if (target === undefined) return null;
  if (typeof target !== 'string') return target;
  const found = document.getElementById(target) ?? document.querySelector(target);
  if (!found) throw new Error(`AgentCRM: no element matches "${target}"`);
  return found;
}

/** Renders a chat with one agent: a floating bubble (default), inline in an element, or full page. */
export function init(options: InitOptions): WidgetHandle {
  if (!options.agentId) throw new Error('AgentCRM: agentId is required');
  const mode = options.mode ?? 'bubble';
  const target = mode === 'bubble' ? null : resolveTarget(options.target);
  const widget = new ChatWidget(target, {
    agentId: options.agentId,
    mode,
    baseUrl: options.baseUrl ?? scriptOrigin,
  });
  widgets.add(widget);
  return {
    open: () => {
      widget.open();
    },
    close: () => {
      widget.close();
    },
    destroy: () => {
      widget.destroy();
      widgets.delete(widget);
    },
  };
}

/** Removes every chat this script rendered. */
export function destroy(): void {
  for (const widget of widgets) widget.destroy();
  widgets.clear();
}

function parseMode(value: string | undefined): WidgetMode {
  return value === 'inline' || value === 'page' ? value : 'bubble';
}

// The one-line snippet: `<script src=".../embed.js" data-agent-id="…" async></script>`.
const agentId = script?.dataset.agentId;
if (script && agentId) {
  const { mode, target } = script.dataset;
  const start = () => {
    init({ agentId, mode: parseMode(mode), ...(target ? { target } : {}) });
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  } else {
    start();
  }
}
