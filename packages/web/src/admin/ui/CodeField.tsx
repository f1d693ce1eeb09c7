import { useI18n } from '../i18n/I18n';

/** The six-digit code from an authenticator app, with its label. */
export function CodeField({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={id}>{t('signIn.code')}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
