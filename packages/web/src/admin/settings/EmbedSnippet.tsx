import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18n';

/** The one script tag a clinic puts on its site, with a copy button, and a live preview of its booking page. */
export function EmbedSnippet({ slug }: { slug: string }) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const origin = window.location.origin;
  const snippet = `<script src="${origin}/widget.js" data-clinic="${slug}" async></script>`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="embed">
      <h4>
        <label htmlFor={`${id}-code`}>{t('settings.embedSnippet')}</label>
      </h4>
      <p className="hint" id={`${id}-hint`}>
        {t('settings.embedHint')}
      </p>
      <textarea
        className="snippet"
        id={`${id}-code`}
        readOnly
        rows={2}
        value={snippet}
        aria-describedby={`${id}-hint`}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="button-row">
        <button type="button" className="button-secondary" onClick={copy}>
          {t('settings.copy')}
        </button>
        <span role="status" className={copied === 'failed' ? 'error' : 'notice'}>
          {copied === 'yes' ? t('settings.copied') : copied === 'failed' ? t('settings.copyFailed') : ''}
        </span>
      </div>
      <h4>{t('settings.preview')}</h4>
      <iframe className="preview-frame" title={t('settings.preview')} src={`/book/${encodeURIComponent(slug)}`} loading="lazy" />
    </div>
  );
}
