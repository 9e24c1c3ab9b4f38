import { suppressedError } from '../errors.js';

/**
 * Runs `fn` and always runs `release` afterwards, with the error semantics of `await using`: the
 * body's error is rethrown unchanged, and if the release fails too the result is a
 * `SuppressedError` whose `error` is the release failure and whose `suppressed` is the body's.
 */
export async function useThenRelease<R, T>(
  resource: R,
  release: () => Promise<void>,
  fn: (resource: R) => T | Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await fn(resource);
  } catch (bodyError) {
    try {
      await release();
    } catch (releaseError) {
      throw suppressedError(releaseError, bodyError);
    }
    throw bodyError;
  }
  await release();
  return result;
}

export function useThenReleaseSync<R, T>(resource: R, release: () => void, fn: (resource: R) => T): T {
  let result: T;
  try {
    result = fn(resource);
  } catch (bodyError) {
    try {
      release();
    } catch (releaseError) {
      throw suppressedError(releaseError, bodyError);
    }
    throw bodyError;
  }
  release();
  return result;
}
