import type { StaffRole } from '@hetki/shared';
import { MANAGER_ROLES, MARKETING_ROLES } from './ClinicContext';
import type { MessageKey } from './i18n/en';

export type Section = {
  /** The first part of the admin path. */
  path: string;
  label: MessageKey;
  /** Who sees it in the menu (the server checks every call anyway); undefined: everyone. */
  roles?: readonly StaffRole[];
};

export const SECTIONS: readonly Section[] = [
  { path: '', label: 'nav.dashboard' },
  { path: 'calendar', label: 'nav.calendar' },
  { path: 'clients', label: 'nav.clients' },
  { path: 'services', label: 'nav.services', roles: MANAGER_ROLES },
  { path: 'resources', label: 'nav.resources', roles: MANAGER_ROLES },
  { path: 'team', label: 'nav.team', roles: MANAGER_ROLES },
  { path: 'marketing', label: 'nav.marketing', roles: MARKETING_ROLES },
  { path: 'settings', label: 'nav.settings', roles: MANAGER_ROLES },
  { path: 'account', label: 'nav.account' },
];

export const sectionsFor = (role: StaffRole): Section[] => SECTIONS.filter((section) => !section.roles || section.roles.includes(role));
