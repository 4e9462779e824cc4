/**
 * The PostgreSQL error behind an error, if any: drizzle wraps the driver's error in `cause`, and
 * callers care only about its SQLSTATE and constraint.
 */
export function pgError(error: unknown): { code: string; constraint?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (
      'code' in current &&
      typeof current.code === 'string' &&
      /^[0-9A-Z]{5}$/.test(current.code)
    ) {
      const constraint =
        'constraint' in current && typeof current.constraint === 'string'
          ? current.constraint
          : undefined;
      return constraint ? { code: current.code, constraint } : { code: current.code };
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return null;
}

export const UNIQUE_VIOLATION = '23505';
export const QUERY_CANCELED = '57014';
