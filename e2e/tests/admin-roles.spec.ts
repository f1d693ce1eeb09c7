import { expect, test } from '@playwright/test';
import { bookAsClient, OWNER, preferEnglish, signInToAdmin, twoFreeStarts } from './admin.js';
import { call } from './trpc.js';

test('reception sees a client but not their health information or notes, and no manager sections', async ({
  page,
  playwright,
  baseURL,
}) => {
  // A receptionist of their own, through an invitation (the demo one may have two-step sign-in on from another test).
  const api = await playwright.request.newContext({ baseURL });
  const owner = await call<{ csrfToken: string }>(api, 'auth.login', OWNER);
  const stamp = Date.now().toString(36);
  const receptionist = { email: `desk-${stamp}@example.test`, password: 'front-desk-password' };
  const { acceptUrl } = await call<{ acceptUrl: string }>(
    api,
    'staff.team.invite',
    { email: receptionist.email, role: 'reception' },
    owner.csrfToken,
  );
  await call(api, 'auth.logout', undefined, owner.csrfToken);
  const token = new URLSearchParams(new URL(acceptUrl).hash.slice(1)).get('token');
  await call(api, 'auth.acceptInvite', { token, name: 'Riina Reception', password: receptionist.password });
  const slots = await twoFreeStarts(api, 'First visit 30 min', 0);
  const lastName = `Vastaanotto${stamp}`;
  await bookAsClient(
    api,
    { serviceId: slots.serviceId, practitionerId: slots.practitionerId, start: slots.first },
    { firstName: 'Tuuli', lastName, email: `tuuli.${stamp}@example.test` },
  );
  await api.dispose();

  await preferEnglish(page);
  await signInToAdmin(page, receptionist);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Marketing' })).toBeVisible();
  for (const hidden of ['Services', 'Team', 'Settings']) await expect(nav.getByRole('link', { name: hidden })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('Search by name, email or phone').fill(lastName);
  await page.getByRole('link', { name: `Tuuli ${lastName}` }).click();
  const clinical = page.getByRole('region', { name: 'Health information and visit notes' });
  await expect(clinical).toContainText('shown to practitioners and owners only');
  await expect(clinical.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Consents' })).toBeVisible();
});
