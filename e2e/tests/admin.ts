import { createHmac } from 'node:crypto';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { call } from './trpc.js';

export const OWNER = { email: 'owner@demo.hetki.test', password: 'hetki-demo-owner' };
export const DEMO_SLUG = 'demo';

/** The admin app remembers a chosen language per browser; tests read English. */
export async function preferEnglish(page: Page): Promise<void> {
  await page.addInitScript(`window.localStorage.setItem('hetki.admin.locale', 'en')`);
}

export async function signInToAdmin(page: Page, account = OWNER): Promise<void> {
  await page.goto('/admin');
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
}

type Catalogue = { services: { id: string; name: { en?: string }; practitionerIds: string[] }[] };
type Availability = { timeZone: string; slots: { start: string; end: string }[] };
export type PublicBookingResult = { booking: { id: string; start: string; end: string; practitioner: { id: string; name: string } } };

/** Two free starts of one service with one practitioner on the same day, `gapMinutes` or more apart. */
export async function twoFreeStarts(request: APIRequestContext, serviceName: string, gapMinutes: number) {
  const catalogue = await call<Catalogue>(request, 'public.booking.catalogue', { slug: DEMO_SLUG });
  const service = catalogue.services.find((candidate) => candidate.name.en === serviceName);
  if (!service) throw new Error(`no service ${serviceName}`);
  const practitionerId = service.practitionerIds[0] as string;
  const today = new Date();
  const from = today.toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
  const availability = await call<Availability>(request, 'public.booking.availability', {
    slug: DEMO_SLUG,
    serviceId: service.id,
    practitionerId,
    from,
    to,
  });
  for (const first of availability.slots) {
    const second = availability.slots.find(
      (candidate) =>
        Date.parse(candidate.start) >= Date.parse(first.start) + gapMinutes * 60_000 &&
        candidate.start.slice(0, 10) === first.start.slice(0, 10),
    );
    // A second that starts later the same (UTC) day; the demo clinic's hours keep both inside one local day.
    if (second) return { serviceId: service.id, practitionerId, first: first.start, second: second.start, timeZone: availability.timeZone };
  }
  throw new Error('no two free starts on one day');
}

/** Books as a client would through the widget's API. */
export async function bookAsClient(
  request: APIRequestContext,
  booking: { serviceId: string; practitionerId: string; start: string },
  client: { firstName: string; lastName: string; email: string },
): Promise<PublicBookingResult> {
  return call<PublicBookingResult>(request, 'public.booking.book', {
    slug: DEMO_SLUG,
    ...booking,
    client: { ...client, phone: '+358 40 123 4567' },
    consents: { marketingEmail: false, marketingSms: false, photoVideo: false, noticeVersion: '1' },
    language: 'en',
    idempotencyKey: `e2e-admin-${crypto.randomUUID()}`,
  });
}

/** The clinic-local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** RFC 6238 (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes it; `offset` shifts by whole steps. */
/**
 * Waits while the current 30-second TOTP step has less than 8 s left, so that a code made from
 * a neighbouring step is still that neighbour when the server checks it.
 */
export async function awayFromStepEdge(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 250));
}

export function totpCode(secretBase32: string, offset = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const secret = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const digest = createHmac('sha1', secret).update(counter).digest();
  const start = (digest.at(-1) ?? 0) & 0x0f;
  return String((digest.readUInt32BE(start) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
