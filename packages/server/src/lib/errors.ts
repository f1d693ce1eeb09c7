import type { ErrorReason } from '@hetki/shared';

export type DomainErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/** A failure the caller can act on. The tRPC layer maps `code` to the response and passes `reason`. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly reason: ErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', 'NOT_FOUND', `${what} not found`);
export const invalidCredentials = () => new DomainError('UNAUTHORIZED', 'INVALID_CREDENTIALS', 'The email or password is incorrect');
