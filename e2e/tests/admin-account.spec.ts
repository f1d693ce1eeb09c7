import { expect, test } from '@playwright/test';
import { awayFromStepEdge, OWNER, preferEnglish, signInToAdmin, totpCode } from './admin.js';
import { call } from './trpc.js';

test('a member turns on two-step sign-in from the account page and then signs in with a code', async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const owner = await call<{ csrfToken: string }>(api, 'auth.login', OWNER);
  const stamp = Date.now().toString(36);
  const member = { email: `two-step-${stamp}@example.test`, password: 'two-step-password' };
  const { acceptUrl } = await call<{ acceptUrl: string }>(
    api,
    'staff.team.invite',
    { email: member.email, role: 'practitioner' },
    owner.csrfToken,
  );
  await call(api, 'auth.logout', undefined, owner.csrfToken);
  await call(api, 'auth.acceptInvite', {
    token: new URLSearchParams(new URL(acceptUrl).hash.slice(1)).get('token'),
    name: 'Kaisa Koodi',
    password: member.password,
  });
  await api.dispose();

  await preferEnglish(page);
  await signInToAdmin(page, member);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const twoStep = page.getByRole('region', { name: 'Two-step sign-in' });
  await twoStep.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  const secret = await twoStep.getByLabel('Setup key').inputValue();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  // The previous step's code (accepted for clock drift) confirms it, so the current one stays unused for signing in.
  await awayFromStepEdge();
  await twoStep.getByLabel('Authentication code').fill(totpCode(secret, -1));
  await twoStep.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(twoStep.getByRole('status')).toHaveText('Two-step sign-in is on.');
  await expect(page.getByRole('region', { name: 'Your account' }).getByRole('definition').filter({ hasText: /^On$/ })).toBeVisible();
  // Away and back: the page still knows, and offers turning it off rather than on.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('region', { name: 'Your account' }).getByRole('definition').filter({ hasText: /^On$/ })).toBeVisible();
  await expect(twoStep.getByRole('button', { name: 'Turn on two-step sign-in' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email', { exact: true }).fill(member.email);
  await page.getByLabel('Password', { exact: true }).fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter the 6-digit code from your authenticator app.');
  await page.getByLabel('Authentication code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
});
