import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { preferEnglish, signInToAdmin } from './admin.js';
import { call } from './trpc.js';

test('staff add a contact who agreed by phone, record the consent, and send a campaign that shows its progress', async ({ page }) => {
  test.setTimeout(60_000);
  await preferEnglish(page);
  await signInToAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Marketing' }).click();

  const stamp = Date.now().toString(36);
  const register = page.getByRole('region', { name: 'Marketing register' });
  const newContact = register.getByRole('form', { name: 'Add a contact' });
  await newContact.getByLabel('Name').fill(`Maija Markkinointi ${stamp}`);
  await newContact.getByLabel('Email').fill(`maija.${stamp}@example.test`);
  // Their messages' language starts at the clinic's default (Finnish for the demo clinic); she reads Swedish.
  await expect(newContact.getByLabel('Language of messages')).toHaveValue('fi');
  await newContact.getByLabel('Language of messages').selectOption('sv');
  await newContact.getByRole('button', { name: 'Create' }).click();
  await expect(newContact.getByRole('status')).toHaveText('Contact added.');
  const listed = await call<{ name: string; locale: string }[]>(page.request, 'staff.marketing.contacts.list', { search: stamp });
  expect(listed).toEqual([expect.objectContaining({ name: `Maija Markkinointi ${stamp}`, locale: 'sv' })]);

  await register.getByLabel('Search contacts').fill(stamp);
  const row = register.getByRole('row').filter({ hasText: `Maija Markkinointi ${stamp}` });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `Record verbal consent: Email Maija Markkinointi ${stamp}` }).click();
  await expect(row.getByRole('button', { name: `Record withdrawal: Email Maija Markkinointi ${stamp}` })).toBeVisible();

  const campaigns = page.getByRole('region', { name: 'Campaigns' });
  await campaigns.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  await dialog.getByLabel('Name').fill(`Spring ${stamp}`);
  await dialog.getByLabel('Subject').fill('Spring offers');
  await dialog.getByLabel('Message').fill('Hello {{firstName}}, spring is here.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(campaigns.getByRole('status').filter({ hasText: 'Campaign saved as a draft.' })).toBeVisible();

  const campaign = campaigns.getByRole('listitem', { name: `Spring ${stamp}` });
  await campaign.getByRole('button', { name: 'Count recipients' }).click();
  await expect(campaign.getByRole('status')).toContainText(/[1-9]\d* recipients would receive this now/);
  await page.screenshot({ path: test.info().outputPath('marketing-draft.png'), fullPage: true });

  await campaign.getByRole('button', { name: 'Send now' }).click();
  await expect(campaign.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
  await expect(campaign).toContainText(/Scheduled|Sending|Sent/);
  await expect(campaign).toContainText(/Sent \d+ · Failed \d+ · Waiting \d+ · Skipped \d+/);
  // The worker delivers it (to the development mail sink); the page follows without a reload.
  await expect(campaign).toContainText(/Sent [1-9]\d* · Failed 0 · Waiting 0/, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('marketing-sending.png'), fullPage: true });

  const result = await new AxeBuilder({ page }).analyze();
  expect(
    result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});

test('a marketing register longer than a page shows the rest on request, and consents recorded there stick', async ({ page }) => {
  test.setTimeout(60_000);
  await preferEnglish(page);
  await signInToAdmin(page);
  const { csrfToken } = await call<{ csrfToken: string }>(page.request, 'auth.me', undefined);
  const stamp = `pg${Date.now().toString(36)}`;
  for (let index = 1; index <= 53; index += 1) {
    const name = `Pekka ${stamp} ${String(index).padStart(2, '0')}`;
    await call(page.request, 'staff.marketing.contacts.create', { name, email: `${stamp}.${index}@example.test`, phone: null }, csrfToken);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Marketing' }).click();
  const register = page.getByRole('region', { name: 'Marketing register' });
  await register.getByLabel('Search contacts').fill(stamp);
  const rows = register.getByRole('row').filter({ hasText: stamp });
  await expect(rows).toHaveCount(50);
  await register.getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(53);
  await expect(register.getByRole('button', { name: 'Show more' })).toHaveCount(0);

  const last = rows.filter({ hasText: `Pekka ${stamp} 53` });
  await last.getByRole('button', { name: `Record verbal consent: Email Pekka ${stamp} 53` }).click();
  await expect(last.getByRole('button', { name: `Record withdrawal: Email Pekka ${stamp} 53` })).toBeVisible();
  await expect(rows).toHaveCount(53);
});
