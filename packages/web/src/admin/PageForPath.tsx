import { AccountPage } from './account/AccountPage';
import { useClinic } from './ClinicContext';
import { CalendarPage } from './calendar/CalendarPage';
import { ClientProfilePage } from './clients/ClientProfilePage';
import { ClientsPage } from './clients/ClientsPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { MarketingPage } from './marketing/MarketingPage';
import { sectionsFor } from './navigation';
import { ResourcesPage } from './resources/ResourcesPage';
import { ServicesPage } from './services/ServicesPage';
import { SettingsPage } from './settings/SettingsPage';
import { TeamPage } from './team/TeamPage';

/** The page for an admin path; an unknown path or one the role does not see falls back to the dashboard. */
export function PageForPath({ path }: { path: string }) {
  const { role } = useClinic();
  const [section = '', id] = path.split('/');
  if (!sectionsFor(role).some((item) => item.path === section)) return <DashboardPage />;
  switch (section) {
    case 'calendar':
      return <CalendarPage />;
    case 'clients':
      return id ? <ClientProfilePage key={id} clientId={id} /> : <ClientsPage />;
    case 'services':
      return <ServicesPage />;
    case 'resources':
      return <ResourcesPage />;
    case 'team':
      return <TeamPage />;
    case 'marketing':
      return <MarketingPage />;
    case 'settings':
      return <SettingsPage />;
    case 'account':
      return <AccountPage />;
    default:
      return <DashboardPage />;
  }
}
