import type { Locale, PortalProfile } from '@hetki/shared';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { LOCALE_NAMES, PORTAL_LOCALES, PORTAL_TEXT } from './i18n';
import type { PanelProps } from './PortalHome';
import { portalApi } from './portalApi';

type Form = { firstName: string; lastName: string; email: string; phone: string; language: Locale | '' };
type FieldErrors = Partial<Record<keyof Form, string>>;

function toForm(profile: PortalProfile): Form {
  return {
    firstName: profile.firstName,
    lastName: profile.lastName,
    email: profile.email ?? '',
    phone: profile.phone ?? '',
    language: profile.language ?? '',
  };
}

/** The server's per-field messages for a rejected input, if any. */
function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof TRPCClientError)) return {};
  const fields = (error.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages[0] ?? ''])) as FieldErrors;
}

/** The client's own contact details and language, editable. */
export function DetailsPanel({ slug, locale, failure }: PanelProps) {
  const text = PORTAL_TEXT[locale].details;
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { firstName: useId(), lastName: useId(), email: useId(), phone: useId(), language: useId(), phoneHint: useId() };

  useEffect(() => {
    portalApi.portal.profile.get.query({ slug }).then(
      (profile) => setForm(toForm(profile)),
      (error: unknown) => setStatus({ kind: 'error', text: failure(error) }),
    );
  }, [slug, failure]);

  if (!form) {
    return (
      <div className="p-panel">
        {status ? <p className="p-alert p-alert-error">{status.text}</p> : <p className="p-muted">{PORTAL_TEXT[locale].loading}</p>}
      </div>
    );
  }

  const set = (field: keyof Form) => (value: string) => setForm({ ...form, [field]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setStatus(null);
    setErrors({});
    try {
      const saved = await portalApi.portal.profile.update.mutate({
        slug,
        firstName: form.firstName,
        lastName: form.lastName,
        phone: form.phone.trim() ? form.phone : null,
        ...(form.language ? { language: form.language } : {}),
      });
      setForm(toForm(saved));
      setStatus({ kind: 'success', text: text.saved });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setStatus({ kind: 'error', text: Object.keys(fields).length > 0 ? text.invalid : failure(error) });
    } finally {
      setSaving(false);
    }
  };

  const field = (name: 'firstName' | 'lastName' | 'phone', type: string, autoComplete: string, hint?: string) => (
    <div className="p-field">
      <label htmlFor={ids[name]}>{text[name]}</label>
      <input
        id={ids[name]}
        type={type}
        autoComplete={autoComplete}
        value={form[name]}
        onChange={(event) => set(name)(event.target.value)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? ids.phoneHint : '', errors[name] ? `${ids[name]}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <p id={ids.phoneHint} className="p-hint">
          {hint}
        </p>
      )}
      {errors[name] && (
        <p id={`${ids[name]}-error`} className="p-field-error">
          {errors[name]}
        </p>
      )}
    </div>
  );

  return (
    <div className="p-panel">
      <section className="p-card" aria-labelledby="p-details-heading">
        <h3 id="p-details-heading" className="p-section-title">
          {text.heading}
        </h3>
        <p className="p-muted">{text.lead}</p>
        <form className="p-form" onSubmit={save} noValidate>
          <div className="p-grid-2">
            {field('firstName', 'text', 'given-name')}
            {field('lastName', 'text', 'family-name')}
          </div>
          <div className="p-grid-2">
            <div className="p-field">
              <label htmlFor={ids.email}>{text.email}</label>
              <input id={ids.email} type="email" value={form.email} readOnly aria-describedby={`${ids.email}-hint`} />
              <p id={`${ids.email}-hint`} className="p-hint">
                {text.emailHint}
              </p>
            </div>
            {field('phone', 'tel', 'tel', text.phoneHint)}
          </div>
          <div className="p-field">
            <label htmlFor={ids.language}>{text.language}</label>
            <select id={ids.language} value={form.language} onChange={(event) => set('language')(event.target.value)}>
              <option value="">{text.languageNone}</option>
              {PORTAL_LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </select>
          </div>
          <div aria-live="polite" className="p-live">
            {status && <p className={`p-alert p-alert-${status.kind}`}>{status.text}</p>}
          </div>
          <button type="submit" className="p-button p-button-primary" disabled={saving}>
            {saving ? text.saving : text.save}
          </button>
        </form>
      </section>
    </div>
  );
}
