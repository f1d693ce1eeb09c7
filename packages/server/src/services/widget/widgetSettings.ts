import { DEFAULT_WIDGET_SETTINGS, type UpdateWidgetSettingsInput, type WidgetSettings } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { onCommit } from '../../db/context.js';
import { widgetSettings } from '../../db/schema/index.js';
import { type Actor, appendAudit } from '../audit/auditLog.js';
import { allowedOriginsCache } from './allowedOriginsCache.js';

type WidgetSettingsRow = typeof widgetSettings.$inferSelect;

function toSettings(row: WidgetSettingsRow | undefined): WidgetSettings {
  if (!row) return structuredClone(DEFAULT_WIDGET_SETTINGS);
  return {
    allowedOrigins: row.allowedOrigins,
    cookieBanner: { enabled: row.cookieBannerEnabled, texts: row.cookieBannerTexts },
    privacyNoticeUrl: row.privacyNoticeUrl,
    askPhotoVideoConsent: row.askPhotoVideoConsent,
  };
}

/** The clinic's widget settings; the defaults until the clinic first saves its own. */
export async function getWidgetSettings(tx: Tx, tenantId: string): Promise<WidgetSettings> {
  const [row] = await tx.select().from(widgetSettings).where(eq(widgetSettings.tenantId, tenantId));
  return toSettings(row);
}

/** Changes the fields given, keeps the others; audited with the names of the fields changed. */
export async function updateWidgetSettings(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  input: UpdateWidgetSettingsInput,
): Promise<WidgetSettings> {
  const next: WidgetSettings = { ...(await getWidgetSettings(tx, tenantId)), ...input };
  const values = {
    allowedOrigins: next.allowedOrigins,
    cookieBannerEnabled: next.cookieBanner.enabled,
    cookieBannerTexts: next.cookieBanner.texts,
    privacyNoticeUrl: next.privacyNoticeUrl,
    askPhotoVideoConsent: next.askPhotoVideoConsent,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(widgetSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: widgetSettings.tenantId, set: values })
    .returning();
  const fields = Object.keys(input).filter((key) => input[key as keyof UpdateWidgetSettingsInput] !== undefined);
  await appendAudit(tx, tenantId, actor, { action: 'update', entity: 'widget_settings', entityId: tenantId, details: { fields } });
  onCommit(tx, async () => allowedOriginsCache.forget(tenantId));
  return toSettings(row);
}
