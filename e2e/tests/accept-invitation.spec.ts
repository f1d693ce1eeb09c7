import { expect, test } from '@playwright/test';
import { awayFromStepEdge, preferEnglish, totpCode } from './admin.js';
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
  // Changes work at once, without a reload: signing out is one (it needs the session's CSRF token).
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const after = await page.request.get('/trpc/auth.me');
  expect(((await after.json()) as { result: { data: unknown } }).result.data).toBeNull();

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

test('the invitation page speaks the browser’s language (Finnish here), as the emailed invitation does', async ({ browser }) => {
  const finnish = await browser.newContext({ locale: 'fi-FI' });
  try {
    const page = await finnish.newPage();
    await page.goto('/invite#token=not-a-real-token-but-long-enough');
    await expect(page.getByRole('heading', { level: 1, name: 'Hyväksy kutsu' })).toBeVisible();
    await page.getByLabel('Nimesi', { exact: true }).fill('Ilona Kutsuttu');
    await page.getByLabel('Salasana', { exact: true }).fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Liity tiimiin' }).click();
    await expect(page.getByRole('alert')).toHaveText('Kutsu on vanhentunut tai jo käytetty. Pyydä klinikalta uusi kutsu.');
  } finally {
    await finnish.close();
  }
});

test('an existing account with two-step sign-in joins through an invitation only with its code', async ({ page, playwright, baseURL }) => {
  // Someone who already runs a clinic of their own, with two-step sign-in on.
  const api = await playwright.request.newContext({ baseURL });
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `two-step-${stamp}@example.test`;
  const password = 'their-own-long-password';
  const me = await call<{ csrfToken: string }>(api, 'platform.signUp', {
    clinic: { name: 'Oma Klinikka', slug: `oma-${stamp}` },
    owner: { name: 'Tiina Kaksivaihe', email, password },
  });
  const { secret } = await call<{ secret: string }>(api, 'auth.totp.enrol', undefined, me.csrfToken);
  await awayFromStepEdge();
  await call(api, 'auth.totp.verify', { code: totpCode(secret, -1) }, me.csrfToken);
  await api.dispose();

  const ownerApi = await playwright.request.newContext({ baseURL });
  const owner = await call<{ csrfToken: string }>(ownerApi, 'auth.login', OWNER);
  const { acceptUrl } = await call<{ acceptUrl: string }>(ownerApi, 'staff.team.invite', { email, role: 'reception' }, owner.csrfToken);
  await ownerApi.dispose();
  const link = new URL(acceptUrl);

  await preferEnglish(page);
  await page.goto(new URL(`${link.pathname}${link.hash}`, baseURL).toString());
  await page.getByLabel('Your name', { exact: true }).fill('Tiina Kaksivaihe');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Join the team' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Your account has two-step sign-in on: enter the 6-digit code from your authenticator app.',
  );
  const code = page.getByLabel('Code from your authenticator app');
  await expect(code).toBeFocused();
  await code.fill(totpCode(secret));
  await page.getByRole('button', { name: 'Join the team' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
  const joined = await page.request.get('/trpc/auth.me');
  expect(((await joined.json()) as { result: { data: unknown } }).result.data).toMatchObject({
    user: { email },
    tenant: { slug: 'demo', role: 'reception' },
  });
});
