import type { WidgetConfig } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { withPublicTenant } from '../booking/publicTenant.js';
import { getWidgetSettings } from './widgetSettings.js';

/** What the widget page and the loader show for a clinic: names, languages, form fields, banner texts. */
export function publicWidgetConfig(deps: Deps, slug: string): Promise<WidgetConfig> {
  return withPublicTenant(deps, slug, async (tx, tenant) => {
    const [row] = await tx.select({ defaultLocale: tenants.defaultLocale }).from(tenants).where(eq(tenants.id, tenant.id));
    const settings = await getWidgetSettings(tx, tenant.id);
    const { preferences } = tenant;
    return {
      slug: tenant.slug,
      name: tenant.name,
      timeZone: tenant.timeZone,
      defaultLocale: row?.defaultLocale ?? 'fi',
      enabledLocales: preferences.enabledLocales,
      clientFields: preferences.clientFields,
      privacyNoticeUrl: settings.privacyNoticeUrl,
      privacyNoticeVersion: preferences.privacyNoticeVersion,
      askPhotoVideoConsent: settings.askPhotoVideoConsent,
      cookieBanner: settings.cookieBanner,
    };
  });
}
