import type { ReactNode } from 'react';
import { errorReason } from '../../api';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18n';

/** An error in words, announced at once; an ended session or a stale page offers the reload that fixes it. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  const reason = errorReason(error);
  return (
    <p role="alert" className="error">
      {describeError(error, t)}{' '}
      {(reason === 'SESSION_REQUIRED' || reason === 'CSRF_FAILED') && (
        <button type="button" className="button-secondary small" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      )}
    </p>
  );
}

/** A confirmation, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}

/** What a loading area shows: a line while loading, the error with a retry button on failure. */
export function LoadState({ status, error, reload }: { status: 'loading' | 'failed' | 'ready'; error?: unknown; reload: () => void }) {
  const { t } = useI18n();
  if (status === 'loading') {
    return (
      <p className="muted" aria-live="polite">
        {t('common.loading')}
      </p>
    );
  }
  if (status === 'failed') {
    return (
      <div className="load-failed">
        <ErrorMessage error={error} />
        <button type="button" className="button-secondary" onClick={reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return null;
}
