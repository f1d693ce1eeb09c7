import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { BookingRulesForm } from './BookingRulesForm';
import { ClinicSettingsForm } from './ClinicSettingsForm';
import { WidgetSettingsSection } from './WidgetSettingsForm';

/** Clinic details, online booking rules, and the booking widget for the clinic's own website. */
export function SettingsPage() {
  const { t } = useI18n();
  const { me } = useClinic();
  return (
    <div className="page-stack">
      <h2 className="page-title">{t('settings.heading')}</h2>
      <ClinicSettingsForm />
      <BookingRulesForm />
      {me.tenant && <WidgetSettingsSection slug={me.tenant.slug} />}
    </div>
  );
}
