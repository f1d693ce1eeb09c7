import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { TwoStepSignIn } from './TwoStepSignIn';

/** Who is signed in, and the clinic's basic details. */
export function AccountPage() {
  const { t } = useI18n();
  const { me, settings, updateMe } = useClinic();
  const address = settings.address;
  // Kept in the session details, not in this page: leaving and coming back must show the change.
  const totpEnabled = me.user.totpEnabled;
  const setTotpEnabled = (enabled: boolean) => updateMe((current) => ({ ...current, user: { ...current.user, totpEnabled: enabled } }));
  return (
    <div className="page-stack">
      <h2 className="page-title">{t('nav.account')}</h2>
      <section className="card" aria-labelledby="account-heading">
        <h3 id="account-heading">{t('account.heading')}</h3>
        <dl className="details">
          <dt>{t('account.name')}</dt>
          <dd>{me.user.name}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{me.user.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{me.tenant ? t(`role.${me.tenant.role}`) : t('account.noRole')}</dd>
          <dt>{t('account.twoStep')}</dt>
          <dd>{totpEnabled ? t('account.on') : t('account.off')}</dd>
        </dl>
      </section>
      <TwoStepSignIn enabled={totpEnabled} onChange={setTotpEnabled} />
      <section className="card" aria-labelledby="clinic-settings-heading">
        <h3 id="clinic-settings-heading">{t('account.clinicSettings')}</h3>
        <dl className="details">
          <dt>{t('settings.clinicName')}</dt>
          <dd>{settings.name}</dd>
          <dt>{t('settings.businessId')}</dt>
          <dd>{settings.businessId ?? t('common.notSet')}</dd>
          <dt>{t('account.address')}</dt>
          <dd>{address ? `${address.street}, ${address.postalCode} ${address.city}, ${address.country}` : t('common.notSet')}</dd>
          <dt>{t('account.contactEmail')}</dt>
          <dd>{settings.contactEmail ?? t('common.notSet')}</dd>
          <dt>{t('account.contactPhone')}</dt>
          <dd>{settings.contactPhone ?? t('common.notSet')}</dd>
          <dt>{t('settings.timeZone')}</dt>
          <dd>{settings.timeZone}</dd>
          <dt>{t('settings.defaultLanguage')}</dt>
          <dd>{t(`language.${settings.defaultLocale}`)}</dd>
          <dt>{t('account.languages')}</dt>
          <dd>{settings.preferences.enabledLocales.map((locale) => t(`language.${locale}`)).join(', ')}</dd>
        </dl>
      </section>
    </div>
  );
}
