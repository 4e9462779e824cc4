import { EmailSchema } from '@agent-crm/contracts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Lower-cased, trimmed email, or null when it is not an email address. */
export function normalizeEmail(raw: string): string | null {
  const parsed = EmailSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * E.164 phone number, or null when it is not a valid number. National formats are read in the
 * agent's default country; numbers written with a + or 00 prefix are read as international.
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const cleaned = raw.trim().replace(/^00(?=\d)/, '+');
  if (!/\d/.test(cleaned) || cleaned.length > 40) return null;
  const phone = parsePhoneNumberFromString(cleaned, defaultCountry.toUpperCase() as CountryCode);
  return phone?.isValid() ? phone.number : null;
}
