import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/I18n';

/**
 * A modal dialog on the native <dialog> element: focus is trapped and returned, Escape closes it.
 * Rendered only while open; closing (Escape, the close button, or the parent) calls onClose.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const { t } = useI18n();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-header">
        <h2 id={headingId}>{title}</h2>
        <button type="button" className="button-quiet" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
