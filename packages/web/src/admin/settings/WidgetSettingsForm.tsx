import type { CookieBannerText, Locale, WidgetSettings } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, LoadState, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';
import { EmbedSnippet } from './EmbedSnippet';

const LANGUAGES: readonly Locale[] = ['fi', 'sv', 'en'];

/** The booking widget: which sites may embed it, its embed code and preview, the cookie banner and its texts. */
export function WidgetSettingsSection({ slug }: { slug: string }) {
  const { t } = useI18n();
  const widget = useLoad(() => api.staff.widget.get.query(), []);
  return (
    <section className="card" aria-labelledby="widget-heading">
      <h3 id="widget-heading">{t('settings.widget')}</h3>
      <LoadState status={widget.status} error={widget.status === 'failed' ? widget.error : null} reload={widget.reload} />
      {widget.data && <WidgetSettingsForm initial={widget.data} onSaved={widget.reload} />}
      <EmbedSnippet slug={slug} />
    </section>
  );
}

function WidgetSettingsForm({ initial, onSaved }: { initial: WidgetSettings; onSaved: () => void }) {
  const { t } = useI18n();
  const ids = { origins: useId(), banner: useId(), privacy: useId(), photo: useId(), hint: useId() };
  const [origins, setOrigins] = useState(initial.allowedOrigins.join('\n'));
  const [bannerOn, setBannerOn] = useState(initial.cookieBanner.enabled);
  const [texts, setTexts] = useState<Record<Locale, CookieBannerText>>(() => ({
    fi: initial.cookieBanner.texts.fi ?? { title: '', body: '' },
    sv: initial.cookieBanner.texts.sv ?? { title: '', body: '' },
    en: initial.cookieBanner.texts.en ?? { title: '', body: '' },
  }));
  const [privacyUrl, setPrivacyUrl] = useState(initial.privacyNoticeUrl ?? '');
  const [askPhoto, setAskPhoto] = useState(initial.askPhotoVideoConsent);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const filled = Object.fromEntries(
      LANGUAGES.filter((locale) => texts[locale].title.trim() && texts[locale].body.trim()).map((locale) => [locale, texts[locale]]),
    );
    const result = await action.run(() =>
      api.staff.widget.update.mutate({
        allowedOrigins: origins
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        cookieBanner: { enabled: bannerOn, texts: filled },
        privacyNoticeUrl: privacyUrl.trim() || null,
        askPhotoVideoConsent: askPhoto,
      }),
    );
    if (result.ok) {
      setSaved(true);
      onSaved();
    }
  }

  const setText = (locale: Locale, change: Partial<CookieBannerText>) =>
    setTexts((current) => ({ ...current, [locale]: { ...current[locale], ...change } }));

  return (
    <form className="form" onSubmit={submit}>
      <label htmlFor={ids.origins}>{t('settings.widgetOrigins')}</label>
      <textarea
        id={ids.origins}
        rows={3}
        value={origins}
        placeholder="https://clinic.example"
        onChange={(event) => setOrigins(event.target.value)}
      />
      <label htmlFor={ids.privacy}>{t('settings.privacyNoticeUrl')}</label>
      <input id={ids.privacy} type="url" value={privacyUrl} onChange={(event) => setPrivacyUrl(event.target.value)} />
      <label className="check">
        <input type="checkbox" checked={askPhoto} onChange={(event) => setAskPhoto(event.target.checked)} />
        {t('settings.askPhotoVideo')}
      </label>
      <label className="check">
        <input type="checkbox" checked={bannerOn} onChange={(event) => setBannerOn(event.target.checked)} />
        {t('settings.cookieBanner')}
      </label>
      {bannerOn && (
        <fieldset className="form" aria-describedby={ids.hint}>
          <legend>{t('settings.cookieTexts')}</legend>
          <p id={ids.hint} className="hint">
            {t('settings.cookieTextsHint')}
          </p>
          {LANGUAGES.map((locale) => {
            const language = t(`language.${locale}`);
            return (
              <div key={locale} className="form-grid">
                <div className="field">
                  <label htmlFor={`${ids.banner}-${locale}-title`}>{t('settings.cookieTitle', { language })}</label>
                  <input
                    id={`${ids.banner}-${locale}-title`}
                    lang={locale}
                    maxLength={120}
                    value={texts[locale].title}
                    onChange={(event) => setText(locale, { title: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${ids.banner}-${locale}-body`}>{t('settings.cookieBody', { language })}</label>
                  <textarea
                    id={`${ids.banner}-${locale}-body`}
                    lang={locale}
                    rows={2}
                    maxLength={1200}
                    value={texts[locale].body}
                    onChange={(event) => setText(locale, { body: event.target.value })}
                  />
                </div>
              </div>
            );
          })}
        </fieldset>
      )}
      {action.error !== null && <ErrorMessage error={action.error} />}
      {saved && <Notice>{t('common.saved')}</Notice>}
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
