import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { preferEnglish } from './admin.js';
import { call } from './trpc.js';

const RECEPTION = { email: 'reception@demo.hetki.test', password: 'hetki-demo-reception' };

/** RFC 6238 (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes it; `offset` shifts by whole steps. */
function totpCode(secretBase32: string, offset = 0): string {
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

test('a member with two-step sign-in is asked for the code from their authenticator app', async ({ page, playwright, baseURL }) => {
  // Turn TOTP on for the reception account through the API, in a separate cookie jar.
  const api = await playwright.request.newContext({ baseURL });
  const me = await call<{ csrfToken: string }>(api, 'auth.login', RECEPTION);
  const { secret } = await call<{ secret: string }>(api, 'auth.totp.enrol', undefined, me.csrfToken);
  // The previous step's code (accepted for clock drift) confirms it, so the current one is still unused.
  await call(api, 'auth.totp.verify', { code: totpCode(secret, -1) }, me.csrfToken);
  await call(api, 'auth.logout', undefined, me.csrfToken);
  await api.dispose();

  await preferEnglish(page);
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(RECEPTION.email);
  await page.getByLabel('Password', { exact: true }).fill(RECEPTION.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toHaveText('Enter the 6-digit code from your authenticator app.');
  await page.getByLabel('Authentication code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Demo Fysio' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  const account = page.getByRole('region', { name: 'Your account' });
  await expect(account.getByRole('definition').filter({ hasText: /^Reception$/ })).toBeVisible();
  await expect(account.getByRole('definition').filter({ hasText: /^On$/ })).toBeVisible();
});
