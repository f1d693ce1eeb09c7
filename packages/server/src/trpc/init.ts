import type { ErrorReason, StaffRole } from '@hetki/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { env } from '../env.js';
import { DomainError } from '../lib/errors.js';
import { pgErrorCode } from '../lib/pgErrors.js';
import type { Context } from './context.js';

export type ProcedureMeta = {
  /** Staff roles that may call a staff procedure. Required on every staff procedure. */
  roles?: readonly StaffRole[];
};

function fieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

function reasonOf(error: TRPCError): ErrorReason {
  if (error.cause instanceof DomainError) return error.cause.reason;
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL';
  if (error.code === 'PAYLOAD_TOO_LARGE') return 'PAYLOAD_TOO_LARGE';
  if (error.code === 'NOT_FOUND') return 'NOT_FOUND';
  if (error.code === 'TOO_MANY_REQUESTS') return 'TOO_MANY_ATTEMPTS';
  // Everything else tRPC itself raises is about the request: bad JSON, wrong content type or method.
  return 'INVALID_INPUT';
}

export const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const showDetails = env().NODE_ENV === 'development';
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      return {
        ...shape,
        message: internal && !showDetails ? 'Something went wrong on our side' : zodError ? 'Invalid input' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reason: reasonOf(error),
          fieldErrors: zodError ? fieldErrors(zodError) : undefined,
          stack: showDetails ? shape.data.stack : undefined,
        },
      };
    },
  });

/**
 * PostgreSQL refuses some text any JSON string may carry (a NUL character, in text and in jsonb):
 * that is the caller's input, so a 400, whichever procedure stored it. The transaction has rolled back.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** Counts the call for graceful shutdown, and turns domain errors thrown below into their tRPC codes. */
export const mapDomainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await ctx.deps.inFlight.run(() => next());
  if (result.ok) return result;
  const cause = UNSTORABLE_TEXT.has(pgErrorCode(result.error.cause) ?? '')
    ? new DomainError('BAD_REQUEST', 'INVALID_INPUT', 'Text may not contain NUL characters')
    : result.error.cause;
  if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  return result;
});
