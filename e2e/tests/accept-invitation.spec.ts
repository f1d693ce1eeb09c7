import { expect, test } from '@playwright/test';
import { preferEnglish } from './admin.js';
import { call } from './trpc.js';

const OWNER = { email: 'owner@demo.hetki.test', password: 'hetki-demo-owner' };
const INVITE_INVALID = 'This invitation has expired or was already used. Ask the clinic for a new one.';

test('a new practitioner opens an invitation link, joins the demo clinic, and the link works only once', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  // The owner invites someone through the API, in a cookie jar of its own.
  const api = await playwright.request.newContext({ baseURL });
  const owner = await call<{ csrfToken: string }>(api, 'auth.login', OWNER);
  const email = `invitee-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const { acceptUrl } = await call<{ acceptUrl: string }>(api, 'staff.team.invite', { email, role: 'practitioner' }, owner.csrfToken);
  await api.dispose();

  // The server builds the link from PUBLIC_URL; open the same path and fragment on the stack under test.
  const link = new URL(acceptUrl);
  expect(link.pathname).toBe('/invite');
  expect(link.hash).toMatch(/^#token=./);
  const inviteUrl = new URL(`${link.pathname}${link.search}${link.hash}`, baseURL).toString();

  await preferEnglish(page);
  await page.goto(inviteUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Accept invitation' })).toBeVisible();
  // The token is wiped from the address bar as soon as the page has read it.
  await expect.poll(() => new URL(page.url()).hash).toBe('');
  expect(page.url()).not.toContain('token');

  await page.getByLabel('Your name', { exact: true }).fill('Ilona Invitee');
  // A new account's password must be strong enough; the server's reason is shown as it is.
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Join the team' }).click();
  await expect(page.getByRole('alert')).toHaveText('Use at least 10 characters');

  await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Join the team' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByRole('definition').filter({ hasText: /^Practitioner$/ })).toBeVisible();
  await expect(account).toContainText(email);
  await expect(account).toContainText('Ilona Invitee');
  const me = await page.request.get('/trpc/auth.me');
  expect(((await me.json()) as { result: { data: unknown } }).result.data).toMatchObject({
    user: { email },
    tenant: { slug: 'demo', role: 'practitioner' },
  });

  // A used link, opened in a browser with no session, says so and offers no form.
  const fresh = await browser.newContext();
  try {
    const again = await fresh.newPage();
    await again.goto(inviteUrl);
    await expect(again.getByRole('heading', { level: 1, name: 'Accept invitation' })).toBeVisible();
    await again.getByLabel('Your name', { exact: true }).fill('Someone Else');
    await again.getByLabel('Password', { exact: true }).fill('another-long-password');
    await again.getByRole('button', { name: 'Join the team' }).click();
    await expect(again.getByRole('alert')).toHaveText(INVITE_INVALID);
    await expect(again.getByRole('heading', { name: 'Demo Fysio' })).toHaveCount(0);
  } finally {
    await fresh.close();
  }
});

test('an invitation page without a token says the invitation is not valid and shows no form', async ({ page }) => {
  await page.goto('/invite');
  await expect(page.getByRole('alert')).toHaveText(INVITE_INVALID);
  await expect(page.getByRole('button', { name: 'Join the team' })).toHaveCount(0);
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
});
