import { randomBytes } from 'node:crypto';

import { SecureFsError } from '../errors.js';

/** 128 bits, lowercase hex: no modulo bias, and safe on case-insensitive file systems. */
export function randomName(): string {
  return randomBytes(16).toString('hex');
}

const MAX_NAME_PART = 128;

/**
 * Rejects anything that could move a generated name out of its directory or confuse the
 * platform: non-strings, separators, `..`, NUL, and overlong parts (tmp's CVE-2026-44705/49982).
 */
export function assertSafeNamePart(value: unknown, what: string, { allowEmpty = true } = {}): string {
  if (typeof value !== 'string') {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `${what} must be a string, got ${typeof value}.`);
  }
  if (!allowEmpty && value.length === 0) {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `${what} must not be empty.`);
  }
  if (value.length > MAX_NAME_PART) {
    throw new SecureFsError('ERR_SECURE_FS_INVALID_NAME', `${what} must be at most ${MAX_NAME_PART} characters.`);
  }
  if (/[/\\\0]/u.test(value) || value === '.' || value.includes('..')) {
    throw new SecureFsError(
      'ERR_SECURE_FS_INVALID_NAME',
      `${what} must not contain path separators, '..' or NUL characters: ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** How often a fresh random name may collide before we give up (a collision means an attacker or a bug). */
export const MAX_NAME_ATTEMPTS = 8;
