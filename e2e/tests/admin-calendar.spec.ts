import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { bookAsClient, localDate, preferEnglish, signInToAdmin, twoFreeStarts } from './admin.js';
import { call } from './trpc.js';

type CalendarEntry = { type: 'booking' | 'block'; id: string; start: string; status?: string };

async function bookingStart(page: Page, bookingId: string, around: string): Promise<string | undefined> {
  const day = 86_400_000;
  const entries = await call<CalendarEntry[]>(page.request, 'staff.calendar.list', {
    from: new Date(Date.parse(around) - day).toISOString(),
    to: new Date(Date.parse(around) + day).toISOString(),
  });
  return entries.find((entry) => entry.id === bookingId)?.start;
}

/** Drags a calendar entry vertically by `pixels`, the way a mouse does. */
async function dragVertically(page: Page, bookingId: string, pixels: number): Promise<void> {
  const entry = page.locator(`[data-booking-id="${bookingId}"]`);
  const box = await entry.boundingBox();
  if (!box) throw new Error('the booking is not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(10, box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + pixels / 2, { steps: 4 });
  await page.mouse.move(x, y + pixels, { steps: 4 });
  await page.mouse.up();
}

const SLOT_PX = 20; // one 15-minute row of the grid

test('staff see a widget booking in the calendar, drag it to a new time, a taken time snaps back, and the client gets a verbal consent', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(60_000);
  const visitor = await playwright.request.newContext({ baseURL });
  const slots = await twoFreeStarts(visitor, 'Massage 60 min', 120);
  const stamp = Date.now().toString(36);
  const client = { firstName: 'Aino', lastName: `Kalenteri${stamp}`, email: `aino.${stamp}@example.test` };
  const moved = await bookAsClient(
    visitor,
    { serviceId: slots.serviceId, practitionerId: slots.practitionerId, start: slots.first },
    client,
  );
  const blocker = await bookAsClient(
    visitor,
    { serviceId: slots.serviceId, practitionerId: slots.practitionerId, start: slots.second },
    { firstName: 'Eero', lastName: `Este${stamp}`, email: `eero.${stamp}@example.test` },
  );
  await visitor.dispose();

  await preferEnglish(page);
  await signInToAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { name: 'Calendar' })).toBeVisible();
  await page.getByLabel('Go to date').fill(localDate(slots.first, slots.timeZone));

  const entry = page.locator(`[data-booking-id="${moved.booking.id}"]`);
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(`Aino Kalenteri${stamp}`);
  await expect(page.locator(`[data-booking-id="${blocker.booking.id}"]`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('calendar.png'), fullPage: true });

  // Onto the other booking's time: the database refuses, the message says so and the entry returns.
  const gapSlots = (Date.parse(slots.second) - Date.parse(slots.first)) / (15 * 60_000);
  await dragVertically(page, moved.booking.id, gapSlots * SLOT_PX);
  await expect(page.getByRole('alert')).toContainText('That time is already taken');
  expect(await bookingStart(page, moved.booking.id, slots.first)).toBe(new Date(slots.first).toISOString());
  await page.screenshot({ path: test.info().outputPath('calendar-conflict.png') });

  // Half an hour later is free.
  await dragVertically(page, moved.booking.id, 2 * SLOT_PX);
  await expect(page.getByRole('status').filter({ hasText: 'Booking moved to' })).toBeVisible();
  const expected = new Date(Date.parse(slots.first) + 30 * 60_000).toISOString();
  await expect.poll(() => bookingStart(page, moved.booking.id, slots.first)).toBe(expected);
  await page.screenshot({ path: test.info().outputPath('calendar-moved.png') });

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

  // Open the booking (keyboard: the entry is a button) and go to its client.
  await entry.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  await expect(dialog).toContainText(`Aino Kalenteri${stamp}`);
  await dialog.getByRole('button', { name: 'Open client' }).click();
  await expect(page.getByRole('heading', { name: `Aino Kalenteri${stamp}` })).toBeVisible();

  const consents = page.getByRole('region', { name: 'Consents' });
  await consents.getByLabel('Purpose').selectOption({ label: 'Marketing by email' });
  await consents.getByLabel('grants consent').check();
  await consents.getByRole('button', { name: 'Record' }).click();
  await expect(consents.getByRole('status')).toHaveText('Recorded in the consent history.');
  const ledger = consents.getByRole('table', { name: 'Consent history' });
  await expect(ledger.getByRole('row').filter({ hasText: 'Marketing by email' }).filter({ hasText: 'Granted' })).toHaveCount(1);
  await expect(ledger).toContainText('Told staff (verbal)');
  await page.screenshot({ path: test.info().outputPath('client-profile.png'), fullPage: true });

  const profileAxe = await new AxeBuilder({ page }).analyze();
  expect(
    profileAxe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});

test('a client search goes in a request body, never in an address', async ({ page, playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  const slots = await twoFreeStarts(visitor, 'Massage 60 min', 0);
  const lastName = `Haettava${Date.now().toString(36)}`;
  await bookAsClient(
    visitor,
    { serviceId: slots.serviceId, practitionerId: slots.practitionerId, start: slots.first },
    { firstName: 'Sanni', lastName, email: `sanni.${lastName.toLowerCase()}@example.test` },
  );
  await visitor.dispose();

  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await preferEnglish(page);
  await signInToAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await page.getByLabel('Search by name, email or phone').fill(lastName);
  await expect(page.getByRole('table')).toContainText(`Sanni ${lastName}`);
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('clients-search.png') });

  // The profile opens by id; correcting a detail sends only what changed.
  await page.getByRole('link', { name: `Sanni ${lastName}` }).click();
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByRole('button', { name: 'Edit details' }).click();
  await details.getByLabel('Phone').fill('+358 50 765 4321');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('definition').filter({ hasText: '+358 50 765 4321' })).toBeVisible();
  expect(urls.filter((url) => url.toLowerCase().includes(lastName.toLowerCase()) || url.includes('765'))).toEqual([]);
});

test('without a mouse: open a booking with the keyboard and move it with the time field', async ({ page, playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  const slots = await twoFreeStarts(visitor, 'First visit 30 min', 0);
  const stamp = Date.now().toString(36);
  const booked = await bookAsClient(
    visitor,
    { serviceId: slots.serviceId, practitionerId: slots.practitionerId, start: slots.first },
    { firstName: 'Kalle', lastName: `Näppäin${stamp}`, email: `kalle.${stamp}@example.test` },
  );
  await visitor.dispose();

  await preferEnglish(page);
  await signInToAdmin(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await page.getByLabel('Go to date').fill(localDate(slots.first, slots.timeZone));
  const entry = page.locator(`[data-booking-id="${booked.booking.id}"]`);
  await entry.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Appointment' });
  const newStart = new Date(Date.parse(slots.first) - 60 * 60_000);
  const newTime = new Intl.DateTimeFormat('en-GB', { timeZone: slots.timeZone, hour: '2-digit', minute: '2-digit' }).format(newStart);
  await dialog.getByLabel('Time').fill(newTime);
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booking moved to' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => bookingStart(page, booked.booking.id, slots.first)).toBe(newStart.toISOString());
  // Escape closes the dialog.
  await entry.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
