// The KgError family: every expected failure names the method, the value and the fix, and carries a code.

export type KgErrorCode = 'BAD_INPUT' | 'NOT_FOUND' | 'USAGE' | 'CONFIG' | 'UNAUTHENTICATED' | 'TIMEOUT' | 'UNAVAILABLE' | 'INTERNAL';

export class KgError extends Error {
  readonly code: KgErrorCode;
  constructor(code: KgErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The input (file, text, query argument) is wrong; the caller can fix it. */
export class InvalidInputError extends KgError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_INPUT', message, options);
  }
}

/** Something asked for by id or name does not exist. */
export class NotFoundError extends KgError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A command or API was used the wrong way (unknown flag, missing argument). */
export class UsageError extends KgError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** A configuration value (environment variable or flag) is invalid. */
export class ConfigError extends KgError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}

/** A request ran past its time budget. */
export class TimeoutError extends KgError {
  constructor(message: string) {
    super('TIMEOUT', message);
  }
}

/** Writes without a valid bearer token. */
export class UnauthenticatedError extends KgError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

/** Something not ready yet (analytics still computing); retrying later works. */
export class UnavailableError extends KgError {
  constructor(message: string) {
    super('UNAVAILABLE', message);
  }
}

export function isKgError(error: unknown): error is KgError {
  return error instanceof KgError;
}
