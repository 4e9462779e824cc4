import { CapturedSchema } from '@agent-crm/contracts';

/** What a visitor's message captured, e.g. "name: Dana Scully", as members see it. */
export function capturedLabels(meta: Record<string, unknown>): string[] {
  const parsed = CapturedSchema.safeParse(meta.captured);
  if (!parsed.success) return [];
  const { fields, ...standard } = parsed.data;
  const labels = Object.entries(standard).map(([key, value]) => `${key}: ${value}`);
  for (const [key, value] of Object.entries(fields ?? {})) {
    labels.push(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  return labels;
}
