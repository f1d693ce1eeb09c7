import { useI18n } from '../i18n/I18n';
import { CampaignsSection } from './CampaignsSection';
import { ContactsSection } from './ContactsSection';

/** Marketing: the separate register of people who agreed to hear from the clinic, and the campaigns sent to them. */
export function MarketingPage() {
  const { t } = useI18n();
  return (
    <div className="page-stack">
      <h2 className="page-title">{t('marketing.heading')}</h2>
      <CampaignsSection />
      <ContactsSection />
    </div>
  );
}
