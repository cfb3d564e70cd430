import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRule = 'min_length' | 'max_length' | 'contains_email' | 'common_password';

/**
 * What is wrong with a new password (NIST SP 800-63B, 5.1.1.2: a length, not composition rules; not
 * a known or guessable value such as the account's own name): the rules it breaks, empty when none.
 */
export function passwordProblems(password: string, email: string): PasswordRule[] {
  const problems: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('min_length');
  if (length > PASSWORD_MAX_LENGTH) problems.push('max_length');
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0];
  if (lower.includes(address) || (local.length >= 4 && lower.includes(local))) problems.push('contains_email');
  if (COMMON_PASSWORDS.has(lower)) problems.push('common_password');
  return problems;
}
