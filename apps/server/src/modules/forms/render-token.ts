import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The public form hands out a token holding the moment it was rendered, signed with a key derived
 * from the server's secret. A submission sends it back: too soon means a bot filled the form.
 */
function sign(secret: string, formId: string, renderedAt: number): string {
  return createHmac('sha256', secret)
    .update(`form-render|${formId}|${String(renderedAt)}`)
    .digest('base64url');
}

export function createRenderToken(secret: string, formId: string, renderedAt = Date.now()): string {
  return `${String(renderedAt)}.${sign(secret, formId, renderedAt)}`;
}

export type RenderTokenCheck = { ok: true; ageMs: number } | { ok: false };

/** The token's age when it was signed for this form by this server; otherwise not ok. */
export function checkRenderToken(
  secret: string,
  formId: string,
  token: string | undefined,
  now = Date.now(),
): RenderTokenCheck {
  const match = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match?.[1] || !match[2]) return { ok: false };
  const renderedAt = Number(match[1]);
  const expected = Buffer.from(sign(secret, formId, renderedAt));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false };
  return { ok: true, ageMs: now - renderedAt };
}
