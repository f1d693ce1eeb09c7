import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { preferEnglish, signInToAdmin } from './admin.js';
import { call } from './trpc.js';

test('an owner changes the booking rules and the widget settings, and copies the embed code', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await preferEnglish(page);
  await signInToAdmin(page);
  // Other tests use the demo clinic's widget from the sample site: keep its sites and restore everything at the end.
  type Widget = { allowedOrigins: string[] };
  const widgetBefore = await call<Widget>(page.request, 'staff.widget.get', undefined);
  const rulesBefore = (await call<{ preferences: { bookingRules: Record<string, number> } }>(page.request, 'staff.settings.get', undefined))
    .preferences.bookingRules;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

  const rules = page.getByRole('region', { name: 'Booking rules' });
  await rules.getByLabel('Minimum notice (minutes)').fill('60');
  await rules.getByRole('button', { name: 'Save' }).click();
  await expect(rules.getByRole('status')).toHaveText('Saved.');
  expect(
    await call<{ preferences: { bookingRules: { minNoticeMinutes: number } } }>(page.request, 'staff.settings.get', undefined),
  ).toMatchObject({
    preferences: { bookingRules: { minNoticeMinutes: 60 } },
  });

  const widget = page.getByRole('region', { name: 'Booking widget' });
  const sites = widget.getByLabel('Websites allowed to embed the widget (one origin a line)');
  await expect(sites).toHaveValue(widgetBefore.allowedOrigins.join('\n'));
  await sites.fill([...widgetBefore.allowedOrigins, 'https://clinic.example', 'https://www.clinic.example'].join('\n'));
  await widget.getByLabel('Show the cookie banner').check();
  await widget.getByLabel('Title (English)').fill('Cookies on our site');
  await widget.getByLabel('Text (English)').fill('We use only the cookies you accept.');
  await widget.getByRole('button', { name: 'Save' }).click();
  await expect(widget.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await call(page.request, 'staff.widget.get', undefined)).toMatchObject({
    allowedOrigins: [...widgetBefore.allowedOrigins, 'https://clinic.example', 'https://www.clinic.example'],
    cookieBanner: { enabled: true, texts: { en: { title: 'Cookies on our site', body: 'We use only the cookies you accept.' } } },
  });

  const snippet = `<script src="${baseURL}/widget.js" data-clinic="demo" async></script>`;
  await expect(widget.getByLabel('Embed code')).toHaveValue(snippet);
  await widget.getByRole('button', { name: 'Copy' }).click();
  await expect(widget.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(snippet);
  await expect(widget.locator('iframe[title="Preview of your booking page"]')).toHaveAttribute('src', '/book/demo');
  await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });

  // The preview frame is the booking widget's own page, checked by its own tests.
  const result = await new AxeBuilder({ page }).exclude('iframe').analyze();
  expect(
    result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((v) => v.id),
  ).toEqual([]);

  const { csrfToken } = await call<{ csrfToken: string }>(page.request, 'auth.me', undefined);
  await call(page.request, 'staff.widget.update', widgetBefore, csrfToken);
  await call(page.request, 'staff.settings.update', { preferences: { bookingRules: rulesBefore } }, csrfToken);
});
