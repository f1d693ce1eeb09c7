import { expect, type Page, test } from '@playwright/test';

const OWNER = { email: 'owner@demo.hetki.test', password: 'hetki-demo-owner' };

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** What the server thinks of this browser's cookies: the signed-in user, or null. */
async function currentUser(page: Page): Promise<unknown> {
  const response = await page.request.get('/trpc/auth.me');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: unknown } };
  return body.result.data;
}

test('the demo owner signs in, sees the clinic and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await signIn(page, OWNER.email, OWNER.password);

  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/admin');
  // No language chosen in this browser yet: the admin app speaks the clinic's default, Finnish.
  await expect(page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kalenteri' })).toBeVisible();
  await page.getByLabel('Kieli').selectOption('en');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByRole('definition').filter({ hasText: /^Owner$/ })).toBeVisible();
  await expect(account).toContainText(OWNER.email);

  const settings = page.getByRole('region', { name: 'Clinic settings' });
  await expect(settings).toContainText('0112038-9');
  await expect(settings).toContainText('Europe/Helsinki');
  expect(await currentUser(page)).toMatchObject({ tenant: { slug: 'demo', role: 'owner' } });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await currentUser(page)).toBeNull();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demo Fysio' })).toHaveCount(0);
});

test('a wrong password shows the generic error and opens no session', async ({ page, context }) => {
  await page.goto('/');
  await signIn(page, OWNER.email, 'not-the-password');

  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demo Fysio' })).toHaveCount(0);

  const cookies = await context.cookies();
  expect(cookies.map((cookie) => cookie.name)).not.toContain('hetki_session');
  expect(await currentUser(page)).toBeNull();
});
