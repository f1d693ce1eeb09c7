import type { Me, StaffRole, TenantSettings } from '@hetki/shared';
import { createContext, useContext } from 'react';

export type Clinic = {
  me: Me;
  role: StaffRole;
  settings: TenantSettings;
  /** The clinic's IANA time zone: every time in the admin app is shown in it. */
  timeZone: string;
  reloadSettings: () => void;
  /** Changes the signed-in member's session details in place (e.g. two-step sign-in turned on), for every page. */
  updateMe: (change: (me: Me) => Me) => void;
};

export const ClinicContext = createContext<Clinic | null>(null);

export function useClinic(): Clinic {
  const clinic = useContext(ClinicContext);
  if (!clinic) throw new Error('useClinic outside ClinicContext');
  return clinic;
}

export const MANAGER_ROLES: readonly StaffRole[] = ['owner', 'admin'];
export const MARKETING_ROLES: readonly StaffRole[] = ['owner', 'admin', 'reception'];
