import { expect, test } from '@playwright/test';
import { awayFromStepEdge, preferEnglish, totpCode } from './admin.js';
import { call } from './trpc.js';

const RECEPTION = { email: 'reception@demo.hetki.test', password: 'hetki-demo-reception' };

test('a member with two-step sign-in is asked for the code from their authenticator app', async ({ page, playwright, baseURL }) => {
  // Turn TOTP on for the reception account through the API, in a separate cookie jar.
  const api = await playwright.request.newContext({ baseURL });
  const me = await call<{ csrfToken: string }>(api, 'auth.login', RECEPTION);
  const { secret } = await call<{ secret: string }>(api, 'auth.totp.enrol', undefined, me.csrfToken);
  // The previous step's code (accepted for clock drift) confirms it, so the current one is still unused.
  await awayFromStepEdge();
  await call(api, 'auth.totp.verify', { code: totpCode(secret, -1) }, me.csrfToken);
  await call(api, 'auth.logout', undefined, me.csrfToken);
  await api.dispose();

  await preferEnglish(page);
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(RECEPTION.email);
  await page.getByLabel('Password', { exact: true }).fill(RECEPTION.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toHaveText('Enter the 6-digit code from your authenticator app.');
  await page.getByLabel('Authentication code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByRole('definition').filter({ hasText: /^Reception$/ })).toBeVisible();
  await expect(account.getByRole('definition').filter({ hasText: /^On$/ })).toBeVisible();
});
