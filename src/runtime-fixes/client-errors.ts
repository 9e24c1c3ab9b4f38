// What a client may learn from a failure (rule `no-error-leak`): a stable code, a generic sentence
// and a request id to quote to support. Everything else stays in the server log.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

import { hasErrnoCode, nodeError } from './errors.js';

/** Options of the {@link ClientError} constructor. */
export interface ClientErrorOptions {
  /** Stable code for clients; default derived from the status (`404` → `NOT_FOUND`). */
  code?: string;
  /** The internal error behind it: logged, never sent. */
  cause?: unknown;
}

function statusCode(status: number): string {
  const reason = STATUS_CODES[status];
  return reason === undefined ? `HTTP_${status}` : reason.toUpperCase().replace(/[^A-Z0-9]+/gu, '_');
}

/**
 * An error thrown deliberately for the client: {@link sanitizeError} passes its `status`, `code`
 * and `publicMessage` through unchanged. `status` must be an HTTP error status (400–599).
 *
 * Security: only what the constructor was given explicitly is ever public. Put internal details
 * (paths, the system error) in `options.cause`, which goes to the log and never to the client.
 */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly status: number;
  readonly publicMessage: string;
  readonly code: string;

  constructor(status: number, publicMessage: string, options: ClientErrorOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `ClientError status must be an HTTP error status (400-599), got ${status}.`);
    }
    super(publicMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.publicMessage = publicMessage;
    this.code = options.code ?? statusCode(status);
  }
}

/** What {@link sanitizeError} returns: safe to send as a response body. */
export interface SanitizedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
}

/** A custom client-facing mapping returned by {@link SanitizeErrorOptions.map}. */
export interface ClientErrorMapping {
  status: number;
  code: string;
  message: string;
}

/** Options of {@link sanitizeError}. */
export interface SanitizeErrorOptions {
  /** Correlates the response with the log entry; default a random UUID. */
  requestId?: string;
  /** Receives the full error; default `console.error`. */
  log?: (error: unknown, requestId: string) => void;
  /** A custom mapping; `undefined` falls back to the built-in one. Its output is used as given. */
  map?: (error: unknown) => ClientErrorMapping | undefined;
}

const PERMISSION_DENIED: ClientErrorMapping = { status: 403, code: 'PERMISSION_DENIED', message: 'Permission denied' };
const NOT_FOUND: ClientErrorMapping = { status: 404, code: 'NOT_FOUND', message: 'Not found' };
const INVALID_REQUEST: ClientErrorMapping = {
  status: 400,
  code: 'INVALID_REQUEST',
  message: 'Invalid request parameters',
};
const INTERNAL_ERROR: ClientErrorMapping = { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };

// JSON.parse throws SyntaxError; Mongoose, Joi, Yup and class-validator name theirs ValidationError; Zod has `issues`.
function isValidationError(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name } = error as { name?: unknown };
  if (name === 'ValidationError' || name === 'ZodError') return true;
  return error instanceof Error && Array.isArray((error as { issues?: unknown }).issues);
}

function classify(error: unknown): ClientErrorMapping {
  if (error instanceof ClientError) return { status: error.status, code: error.code, message: error.publicMessage };
  if (hasErrnoCode(error, 'EACCES', 'EPERM')) return PERMISSION_DENIED;
  if (hasErrnoCode(error, 'ENOENT')) return NOT_FOUND;
  if (isValidationError(error)) return INVALID_REQUEST;
  return INTERNAL_ERROR;
}

function defaultLog(error: unknown, requestId: string): void {
  console.error(`[request ${requestId}]`, error);
}

// An error handler that throws hands the raw error to the framework's fallback handler, which
// may print it to the client; so neither a throwing map nor a throwing log escapes.
function attempt<T>(fn: () => T, onFailure: (failure: unknown) => T): T {
  try {
    return fn();
  } catch (failure) {
    return onFailure(failure);
  }
}

/** The options as far as they are usable: a caller's mistake here must not turn into a leak. */
function usableOptions(options: unknown): { requestId: string; log: NonNullable<SanitizeErrorOptions['log']>; map: SanitizeErrorOptions['map'] } {
  const read = (key: keyof SanitizeErrorOptions): unknown =>
    attempt(() => (typeof options === 'object' && options !== null ? (options as Record<string, unknown>)[key] : undefined), () => undefined);
  const requestId = read('requestId');
  const log = read('log');
  const map = read('map');
  return {
    requestId: typeof requestId === 'string' && requestId !== '' ? requestId : randomUUID(),
    log: typeof log === 'function' ? (log as NonNullable<SanitizeErrorOptions['log']>) : defaultLog,
    map: typeof map === 'function' ? (map as SanitizeErrorOptions['map']) : undefined,
  };
}

/**
 * Maps any thrown value to `{ status, code, message, requestId }` for a client, and logs the full
 * error with the same request id. The message is a fixed sentence chosen by the kind of failure:
 * `EACCES`/`EPERM` → 403 "Permission denied"; `ENOENT` → 404 "Not found"; a `SyntaxError` (as from
 * `JSON.parse`), an error named `ValidationError` or a Zod-like error → 400 "Invalid request
 * parameters"; anything else → 500 "Internal server error". A {@link ClientError} passes its own
 * status, code and public message. `options.map` can supply another mapping first.
 *
 * Security: the result never contains the original message, a path, a stack or any other
 * property of the error (unless a `ClientError` or `options.map` puts it there deliberately);
 * it is a plain frozen object of three strings and a number, safe to `JSON.stringify` into a
 * response. The function does not throw: a failing `map` falls back to the built-in mapping and
 * is logged, a failing `log` is reported to `console.error`, and options it cannot use (`null`, a
 * `requestId` that is not a non-empty string, a `log` or `map` that is not a function) are ignored.
 */
export function sanitizeError(error: unknown, options: SanitizeErrorOptions = {}): SanitizedError {
  const { requestId, log, map } = usableOptions(options);
  const report = (value: unknown): void =>
    attempt(
      () => log(value, requestId),
      (logFailure) => console.error(`[request ${requestId}] sanitizeError: log threw`, logFailure, value),
    );

  const mapping = attempt(
    () => map?.(error) ?? classify(error),
    (failure) => {
      report(failure);
      return attempt(() => classify(error), () => INTERNAL_ERROR);
    },
  );
  report(error);
  return Object.freeze({ status: mapping.status, code: mapping.code, message: mapping.message, requestId });
}
