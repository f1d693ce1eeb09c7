import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { call } from './trpc';

const SLUG = 'demo';

type Catalogue = { services: { id: string; name: Record<string, string>; practitionerIds: string[] }[] };
type Slot = { start: string; end: string };

function isoDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** A booking at the demo clinic through the public API, as the widget makes it; returns the client's email. */
async function bookAsClient(request: APIRequestContext, firstName: string): Promise<string> {
  const { services } = await call<Catalogue>(request, 'public.booking.catalogue', { slug: SLUG });
  const service = services.find((candidate) => candidate.name.en === 'Massage 60 min') ?? services[0];
  if (!service) throw new Error('The demo clinic has no services');
  const { slots } = await call<{ slots: Slot[] }>(request, 'public.booking.availability', {
    slug: SLUG,
    serviceId: service.id,
    from: isoDate(3),
    to: isoDate(16),
  });
  const slot = slots[Math.floor(Math.random() * slots.length)];
  if (!slot) throw new Error('No free slot at the demo clinic');
  const email = `portal.${randomUUID().slice(0, 8)}@example.test`;
  await call(request, 'public.booking.book', {
    slug: SLUG,
    serviceId: service.id,
    start: slot.start,
    client: { firstName, lastName: 'Asiakas', email, phone: '+358 40 765 4321' },
    consents: { marketingEmail: true, marketingSms: false, photoVideo: true, noticeVersion: '2026-01' },
    language: 'en',
    idempotencyKey: `e2e-${randomUUID()}`,
  });
  return email;
}

/** The sign-in link from the newest portal email to `email`, read from the development mail sink. */
async function signInLinkFor(page: Page, email: string): Promise<URL> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/dev/mail/api/messages');
        const messages = (await response.json()) as { id: string; to: string[]; subject: string }[];
        id = messages.find(
          (message) => message.to.includes(email) && /sign-in link|Kirjautumislinkki|Inloggningslänk/i.test(message.subject),
        )?.id;
        return id;
      },
      { timeout: 20_000, message: 'the sign-in email reaches the sink' },
    )
    .toBeTruthy();
  const page2 = await page.context().newPage();
  await page2.goto(`/dev/mail/messages/${id}`);
  const text = (await page2.locator('pre').first().textContent()) ?? '';
  await page2.close();
  const match = /https?:\/\/\S+\/my\/demo#signin=[A-Za-z0-9_-]+/.exec(text);
  if (!match) throw new Error('No sign-in link in the email');
  return new URL(match[0]);
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a client signs in to the portal by the emailed link and withdraws a consent', async ({ page }) => {
  const email = await bookAsClient(page.request, 'Pirjo');

  await page.goto(`/my/${SLUG}`);
  await page.getByRole('button', { name: /^EN/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to your details' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal-sign-in.png'), fullPage: true });

  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const link = await signInLinkFor(page, email);
  expect(link.search).toBe('');
  await page.goto(`${link.pathname}${link.hash}`);
  // Opening the link spends nothing (a mail scanner may open it): signing in takes a click.
  await expect(page.getByRole('heading', { level: 1, name: 'Finish signing in' })).toBeVisible();
  // The token is taken out of the address at once.
  expect(new URL(page.url()).hash).toBe('');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello Pirjo!' })).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Upcoming bookings' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 4, name: 'Massage 60 min' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal-bookings.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'My details' }).getByRole('button', { name: 'Consents' }).click();
  const emailConsent = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Marketing by email' }) });
  await expect(emailConsent.getByText('Given', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await emailConsent.getByRole('button', { name: /Withdraw consent/ }).click();
  await expect(page.getByText('Marketing by email: Consent withdrawn.')).toBeVisible();
  await expect(emailConsent.getByText('Withdrawn', { exact: true })).toBeVisible();
  await expect(emailConsent.getByRole('button', { name: /Give consent/ })).toBeVisible();
  const history = page.getByRole('table');
  await expect(history.getByRole('row').nth(1)).toContainText('Marketing by email');
  await expect(history.getByRole('row').nth(1)).toContainText('Withdrawn');
  await expect(history.getByRole('row').nth(1)).toContainText('My details');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal.png'), fullPage: true });

  // The link was single use: opening it again signs nobody in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to your details' })).toBeVisible();
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('expired or has already been used');
});

test('on a phone, in Finnish, the portal is usable by keyboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fi-FI' });
  const page = await context.newPage();
  const email = await bookAsClient(page.request, 'Matti');
  await page.goto(`/my/${SLUG}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu omiin tietoihisi' })).toBeVisible();
  await page.getByLabel('Sähköpostiosoite').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tarkista sähköpostisi' })).toBeFocused();

  const link = await signInLinkFor(page, email);
  await page.goto(`${link.pathname}${link.hash}`);
  await expect(page.getByRole('button', { name: 'Kirjaudu sisään' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Hei Matti!' })).toBeVisible();
  await page.getByRole('button', { name: 'Yhteystiedot' }).click();
  await expect(page.getByLabel('Puhelin')).toHaveValue('+358 40 765 4321');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal-phone-details.png'), fullPage: true });

  await page.getByRole('button', { name: 'Varaukset' }).click();
  await page.getByRole('button', { name: /^Siirrä/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Siirrä varaus' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio').first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal-phone-reschedule.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: /^Peru varaus/ }).click();
  await expect(page.getByRole('button', { name: 'Älä peru' })).toBeFocused();
  await page.getByRole('button', { name: 'Kyllä, peru' }).click();
  await expect(page.getByText('Varaus on peruttu.', { exact: false })).toBeVisible();
  await expect(page.getByText('Sinulla ei ole tulevia varauksia.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Hieronta 60 min' }).getByText('Peruttu')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('portal-phone-bookings.png'), fullPage: true });

  await page.getByRole('button', { name: 'Suostumukset' }).click();
  await expect(page.getByRole('heading', { level: 4, name: 'Kuvat ja video hoidossa' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('portal-phone-consents.png'), fullPage: true });
  await context.close();
});

test('an unknown clinic says so, and offers no sign-in form', async ({ page }) => {
  await page.goto('/my/no-such-clinic-anywhere');
  await page.getByRole('button', { name: /^EN/ }).click();
  await expect(page.getByRole('alert')).toHaveText('We could not find this clinic. Please check the address.');
  await expect(page.getByLabel('Email address')).toHaveCount(0);
  await expectAccessible(page);
});
