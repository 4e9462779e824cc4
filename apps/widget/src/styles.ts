/*
 * Lives inside the shadow root, so none of it reaches the host page. The host element carries an
 * inline `all: initial !important`, so the page's inherited styles (fonts, colours, line height)
 * stop there; the root `.w` sets the widget's own.
 */
export const STYLES = `
.w{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;--a:#4f46e5;--bg:#fff;--mut:#f3f4f6;--bd:#e5e7eb;height:100%}
*{box-sizing:border-box;font:inherit;color:inherit;margin:0}
button{cursor:pointer;border:0;background:none;padding:0}
button:focus-visible,textarea:focus-visible{outline:2px solid var(--a);outline-offset:2px}
[hidden]{display:none!important}
.launch{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;background:var(--a);color:#fff;display:grid;place-items:center;box-shadow:0 6px 20px rgba(0,0,0,.2);z-index:2147483000}
.launch svg{width:26px;height:26px;fill:currentColor}
.panel{display:flex;flex-direction:column;background:var(--bg);height:100%;min-height:0;overflow:hidden}
.bubble .panel{position:fixed;right:20px;bottom:88px;width:min(380px,calc(100vw - 24px));height:min(600px,calc(100vh - 120px));border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.22);z-index:2147483000}
.inline .panel{border:1px solid var(--bd);border-radius:12px;min-height:420px}
.head{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:12px 16px;background:var(--a);color:#fff;font-weight:600}
.head button{color:#fff;font-size:20px;line-height:1;width:28px;height:28px;border-radius:6px}
.log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:10px}
.m{display:flex;flex-direction:column;max-width:85%}
.m.user{align-self:flex-end;align-items:flex-end}
.t{padding:8px 12px;border-radius:12px;background:var(--mut);white-space:pre-wrap;overflow-wrap:anywhere}
.user .t{background:var(--a);color:#fff}
.m[aria-busy=true] .t::after{content:"▍";opacity:.6}
.acts{display:flex;gap:2px;margin-top:2px}
.acts button{font-size:12px;color:#6b7280;padding:2px 6px;border-radius:6px}
.acts svg{width:14px;height:14px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;vertical-align:-2px}
.acts button:hover,.acts button[aria-pressed=true]{background:var(--mut);color:#111827}
.sugg{display:flex;flex-wrap:wrap;gap:6px;padding:0 16px 8px}
.sugg button{border:1px solid var(--a);color:var(--a);border-radius:999px;padding:4px 10px;font-size:13px;background:var(--bg)}
.note{margin:0 16px 8px;padding:8px 12px;border-radius:8px;background:#fef3c7;color:#78350f;font-size:13px}
form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid var(--bd)}
textarea{flex:1;resize:none;border:1px solid var(--bd);border-radius:10px;padding:8px 10px;max-height:120px;background:var(--bg)}
form button{background:var(--a);color:#fff;border-radius:10px;padding:0 14px;font-weight:600}
form button:disabled{opacity:.5;cursor:default}
`;
