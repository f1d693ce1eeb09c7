import type { AppRouter } from '@hetki/server';
import { TRPCClientError } from '@trpc/client';
import { errorReason } from '../api';
import type { MessageKey } from './i18n/en';
import type { Translate } from './i18n/I18n';

/** A failed call in the reader's language: the server's reason, the fields it objected to, or a plain fallback. */
export function describeError(error: unknown, t: Translate): string {
  const reason = errorReason(error);
  if (reason === 'INVALID_INPUT' && error instanceof TRPCClientError) {
    const fieldErrors: Record<string, string[]> = (error as TRPCClientError<AppRouter>).data?.fieldErrors ?? {};
    const detail = Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
      .join('; ');
    return t('error.INVALID_INPUT', { detail: detail || error.message });
  }
  if (reason) {
    const key = `error.${reason}` as MessageKey;
    const message = t(key);
    return message === key ? t('error.fallback') : message;
  }
  if (error instanceof TRPCClientError && !error.data) return t('error.network');
  return t('error.fallback');
}
