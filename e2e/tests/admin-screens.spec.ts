import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { localDate, preferEnglish, signInToAdmin } from './admin.js';
import { call } from './trpc.js';

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

const openSection = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

test('clicking an empty time books a new client; the booking shows in the calendar and in the server', async ({ page }) => {
  await preferEnglish(page);
  await signInToAdmin(page);
  await openSection(page, 'Calendar');
  // A day far enough ahead to be empty in the demo clinic.
  const day = new Date(Date.now() + 40 * 86_400_000);
  const date = localDate(day.toISOString(), 'Europe/Helsinki');
  await page.getByLabel('Go to date').fill(date);
  await page.getByRole('button', { name: 'New booking at 10:00, Pekka Fysioterapeutti' }).click();

  const dialog = page.getByRole('dialog', { name: 'New booking' });
  await dialog.getByLabel('Service').selectOption({ label: 'Massage 60 min (60 min)' });
  await dialog.getByLabel('New client').check();
  const lastName = `Uusi${Date.now().toString(36)}`;
  await dialog.getByLabel('First name').fill('Ville');
  await dialog.getByLabel('Last name').fill(lastName);
  await dialog.getByLabel('Email').fill(`ville.${lastName.toLowerCase()}@example.test`);
  await dialog.getByRole('button', { name: 'Book' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Booked.' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`10:00–11:00 Ville ${lastName}`) })).toBeVisible();
  const entries = await call<{ type: string; start: string; client?: { name: string } }[]>(page.request, 'staff.calendar.list', {
    from: new Date(day.getTime() - 86_400_000).toISOString(),
    to: new Date(day.getTime() + 86_400_000).toISOString(),
  });
  const created = entries.find((entry) => entry.client?.name === `Ville ${lastName}`);
  expect(created && localDate(created.start, 'Europe/Helsinki')).toBe(date);
  await page.screenshot({ path: test.info().outputPath('calendar-new-booking.png') });

  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Week', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: new RegExp(`10:00–11:00 Ville ${lastName}`) })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('calendar-week.png') });
});

test('the admin screens load, work with the keyboard-labelled controls and pass axe', async ({ page }) => {
  await preferEnglish(page);
  await signInToAdmin(page);

  await expect(page.getByRole('heading', { name: 'Bookings per week' })).toBeVisible();
  await expect(page.getByRole('img')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('dashboard.png'), fullPage: true });

  await openSection(page, 'Services');
  await expect(page.getByRole('row').filter({ hasText: 'Massage 60 min' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('services.png'), fullPage: true });

  // A service's own booking rule: set, kept, shown again, then back to the clinic's.
  const editFirstVisit = () => page.getByRole('button', { name: 'Edit First visit 30 min' }).click();
  const dialog = page.getByRole('dialog');
  const advance = dialog.getByLabel('Bookable this many days ahead');
  await editFirstVisit();
  await expect(dialog.getByRole('group', { name: 'Online booking rules for this service' })).toBeVisible();
  await expect(advance).toHaveValue('');
  await expect(advance).toHaveAttribute('placeholder', /^Clinic: \d+$/);
  await advance.fill('120');
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('service-rules.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await editFirstVisit();
  await expect(advance).toHaveValue('120');
  await advance.fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await editFirstVisit();
  await expect(advance).toHaveValue('');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await openSection(page, 'Practitioners and rooms');
  const pekka = page.getByRole('article', { name: 'Pekka Fysioterapeutti' });
  await pekka.getByRole('button', { name: 'Edit Pekka Fysioterapeutti' }).click();
  const timeOff = localDate(new Date(Date.now() + 60 * 86_400_000).toISOString(), 'Europe/Helsinki');
  const exceptionForm = pekka.getByRole('form', { name: 'Add an exception: Pekka Fysioterapeutti' });
  await exceptionForm.getByLabel('Date').fill(timeOff);
  await exceptionForm.getByLabel('Note').fill('Loma');
  await exceptionForm.getByRole('button', { name: 'Add an exception' }).click();
  await expect(pekka.getByRole('listitem').filter({ hasText: timeOff })).toContainText('Closed all day');
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('resources.png'), fullPage: true });

  await openSection(page, 'Team');
  const email = `colleague-${Date.now().toString(36)}@example.test`;
  await page.getByRole('region', { name: 'Invite a team member' }).getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status')).toContainText(`Invitation emailed to ${email}`);
  await expect(page.getByRole('status')).toContainText('/invite#token=');
  await expect(page.getByRole('listitem').filter({ hasText: email })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('team.png'), fullPage: true });
});

test('on a phone the menu folds away and the calendar still works', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await preferEnglish(page);
  await signInToAdmin(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Calendar' }).click();
  await expect(nav).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Calendar' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: test.info().outputPath('calendar-phone.png'), fullPage: true });
});

test('staff record a no-show, block and unblock time, and cancel a booking from the calendar', async ({ page }) => {
  test.setTimeout(60_000);
  await preferEnglish(page);
  await signInToAdmin(page);
  await openSection(page, 'Calendar');
  // Yesterday: staff may enter a visit that already happened, and only a begun visit has an outcome.
  const yesterday = localDate(new Date(Date.now() - 86_400_000).toISOString(), 'Europe/Helsinki');
  await page.getByLabel('Go to date').fill(yesterday);

  // Olivia's column, but the massage is Pekka's: the form offers Pekka.
  await page.getByRole('button', { name: 'New booking at 11:00, Olivia Omistaja' }).click();
  const dialog = page.getByRole('dialog', { name: 'New booking' });
  await dialog.getByLabel('Service').selectOption({ label: 'Massage 60 min (60 min)' });
  await expect(dialog.getByLabel('Practitioner')).toHaveValue(/.+/);
  await expect(dialog.getByLabel('Practitioner').locator('option:checked')).toHaveText('Pekka Fysioterapeutti');
  await dialog.getByLabel('New client').check();
  const lastName = `Poissa${Date.now().toString(36)}`;
  await dialog.getByLabel('First name').fill('Oona');
  await dialog.getByLabel('Last name').fill(lastName);
  await dialog.getByRole('button', { name: 'Book' }).click();
  const entry = page.getByRole('button', { name: new RegExp(`11:00–12:00 Oona ${lastName}`) });
  await expect(entry).toBeVisible();

  await entry.click();
  const appointment = page.getByRole('dialog', { name: 'Appointment' });
  await appointment.getByRole('button', { name: 'Mark no-show' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Oona ${lastName}.*No-show`) })).toBeVisible();

  await page.getByRole('button', { name: 'Block time' }).click();
  const block = page.getByRole('dialog', { name: 'Block time' });
  await block.getByLabel('Practitioner or room').selectOption({ label: 'Olivia Omistaja' });
  await block.getByLabel('Start').fill('13:00');
  await block.getByLabel('End').fill('14:30');
  await block.getByLabel('Note').fill('Team meeting');
  await block.getByRole('button', { name: 'Block', exact: true }).click();
  const blocked = page.getByRole('button', { name: /13:00–14:30 Blocked Team meeting/ });
  await expect(blocked).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('calendar-outcome-and-block.png') });
  await blocked.click();
  await page.getByRole('dialog', { name: 'Blocked' }).getByRole('button', { name: 'Remove block' }).click();
  await expect(blocked).toHaveCount(0);

  // A booking ahead is cancelled after a confirmation step and leaves the calendar.
  const ahead = localDate(new Date(Date.now() + 50 * 86_400_000).toISOString(), 'Europe/Helsinki');
  await page.getByLabel('Go to date').fill(ahead);
  await page.getByRole('button', { name: 'New booking at 09:00, Pekka Fysioterapeutti' }).click();
  await dialog.getByLabel('Service').selectOption({ label: 'Massage 60 min (60 min)' });
  await dialog.getByLabel('Existing client').check();
  await dialog.getByLabel('Find a client (name, email or phone)').fill(lastName);
  await dialog.getByRole('radio', { name: new RegExp(`Oona ${lastName}`) }).check();
  await dialog.getByRole('button', { name: 'Book' }).click();
  const future = page.getByRole('button', { name: new RegExp(`09:00–10:00 Oona ${lastName}`) });
  await future.click();
  await expect(appointment.getByRole('button', { name: 'Mark no-show' })).toHaveCount(0);
  await appointment.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(appointment).toContainText('Cancel this booking? The client is notified.');
  await appointment.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(future).toHaveCount(0);
});

test('removing a team member asks first, and the member is gone once confirmed', async ({ page, playwright, baseURL }) => {
  // A receptionist joins through an invitation, in cookie jars of their own.
  const ownerApi = await playwright.request.newContext({ baseURL });
  const owner = await call<{ csrfToken: string }>(ownerApi, 'auth.login', { email: 'owner@demo.hetki.test', password: 'hetki-demo-owner' });
  const stamp = Date.now().toString(36);
  const { acceptUrl } = await call<{ acceptUrl: string }>(
    ownerApi,
    'staff.team.invite',
    { email: `leaving-${stamp}@example.test`, role: 'reception' },
    owner.csrfToken,
  );
  await ownerApi.dispose();
  const memberApi = await playwright.request.newContext({ baseURL });
  const name = `Lähtevä ${stamp}`;
  await call(memberApi, 'auth.acceptInvite', {
    token: new URL(acceptUrl).hash.replace('#token=', ''),
    name,
    password: 'a-long-enough-password',
  });
  await memberApi.dispose();

  await preferEnglish(page);
  await signInToAdmin(page);
  await openSection(page, 'Team');
  const row = page.getByRole('row').filter({ hasText: name });
  await row.getByRole('button', { name: `Remove from team ${name}` }).click();
  await expect(row).toContainText(`Remove ${name}? Their access ends at once.`);
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Remove from team ${name}` }).click();
  await row.getByRole('button', { name: `Remove from team ${name}` }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});
