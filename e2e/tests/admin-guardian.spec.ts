import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { localDate, preferEnglish, signInToAdmin } from './admin.js';

/** The clinic-local date `years` years before today (29 February falls back to the 28th). */
function yearsAgo(years: number): string {
  const today = localDate(new Date().toISOString(), 'Europe/Helsinki');
  const date = `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
  return date.endsWith('-02-29') ? date.replace(/-29$/, '-28') : date;
}

async function openClients(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
}

test('a child client needs a guardian: the edit form asks for one, and the profile shows it', async ({ page }) => {
  await preferEnglish(page);
  await signInToAdmin(page);
  await openClients(page);

  const lastName = `Lapsi${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('form', { name: 'New client' });
  await newClient.getByLabel('First name').fill('Eetu');
  await newClient.getByLabel('Last name').fill(lastName);
  await newClient.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: `Eetu ${lastName}` })).toBeVisible();

  const details = page.getByRole('region', { name: 'Details' });
  await details.getByRole('button', { name: 'Edit details' }).click();
  const form = details.getByRole('form', { name: 'Edit details' });
  const guardian = form.getByRole('group', { name: 'Guardian' });
  await expect(guardian).toHaveCount(0);

  // Ten years old: the guardian's fields appear.
  await form.getByLabel('Birth date').fill(yearsAgo(10));
  await expect(guardian).toBeVisible();
  await expect(guardian.getByLabel('Guardian’s name')).toHaveValue('');
  await expect(guardian.getByLabel('Guardian’s phone')).toBeVisible();
  await expect(guardian.getByLabel('Guardian’s email')).toBeVisible();

  // Saved without a guardian, the server refuses in the reader's words.
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('A client under 16 needs a guardian’s details.');

  await guardian.getByLabel('Guardian’s name').fill('Maija Huoltaja');
  await guardian.getByLabel('Guardian’s phone').fill('+358 40 111 2222');
  const axe = await new AxeBuilder({ page }).include('form').analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
  await page.screenshot({ path: test.info().outputPath('client-guardian-form.png'), fullPage: true });
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(form).toHaveCount(0);
  await expect(details.getByRole('definition').filter({ hasText: 'Maija Huoltaja · +358 40 111 2222' })).toBeVisible();
  await expect(details.getByRole('definition').filter({ hasText: yearsAgo(10) })).toBeVisible();

  // Editing again starts from the stored guardian.
  await details.getByRole('button', { name: 'Edit details' }).click();
  await expect(guardian.getByLabel('Guardian’s name')).toHaveValue('Maija Huoltaja');
  await expect(guardian.getByLabel('Guardian’s phone')).toHaveValue('+358 40 111 2222');
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('a new child client is created with a guardian from the clients page', async ({ page }) => {
  await preferEnglish(page);
  await signInToAdmin(page);
  await openClients(page);

  const lastName = `Uusilapsi${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'New client' }).click();
  const newClient = page.getByRole('form', { name: 'New client' });
  await newClient.getByLabel('First name').fill('Aino');
  await newClient.getByLabel('Last name').fill(lastName);
  await expect(newClient.getByRole('group', { name: 'Guardian' })).toHaveCount(0);
  await newClient.getByLabel('Birth date').fill(yearsAgo(8));
  const guardian = newClient.getByRole('group', { name: 'Guardian' });
  await guardian.getByLabel('Guardian’s name').fill('Pirjo Huoltaja');
  await guardian.getByLabel('Guardian’s email').fill(`pirjo.${lastName.toLowerCase()}@example.test`);
  await newClient.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name: `Aino ${lastName}` })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Details' })
      .getByRole('definition')
      .filter({ hasText: `Pirjo Huoltaja · pirjo.${lastName.toLowerCase()}@example.test` }),
  ).toBeVisible();
});

test('a child booked as a new client from the calendar gets a guardian', async ({ page }) => {
  await preferEnglish(page);
  await signInToAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  // A weekday far enough ahead to be free in the demo clinic.
  let day = new Date(Date.now() + 45 * 86_400_000);
  while ([0, 6].includes(day.getUTCDay())) day = new Date(day.getTime() + 86_400_000);
  await page.getByLabel('Go to date').fill(localDate(day.toISOString(), 'Europe/Helsinki'));
  await page.getByRole('button', { name: 'New booking at 14:00, Pekka Fysioterapeutti' }).click();

  const dialog = page.getByRole('dialog', { name: 'New booking' });
  await dialog.getByLabel('Service').selectOption({ label: 'Massage 60 min (60 min)' });
  await dialog.getByLabel('New client').check();
  const lastName = `Varattulapsi${Date.now().toString(36)}`;
  await dialog.getByLabel('First name').fill('Onni');
  await dialog.getByLabel('Last name').fill(lastName);
  await dialog.getByLabel('Birth date').fill(yearsAgo(12));
  const guardian = dialog.getByRole('group', { name: 'Guardian' });
  await expect(guardian).toBeVisible();
  await dialog.getByRole('button', { name: 'Book' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A client under 16 needs a guardian’s details.');

  await guardian.getByLabel('Guardian’s name').fill('Olli Huoltaja');
  await guardian.getByLabel('Guardian’s phone').fill('+358 40 333 4444');
  await dialog.getByRole('button', { name: 'Book' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked.' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`14:00–15:00 Onni ${lastName}`) })).toBeVisible();
});
