import AxeBuilder from '@axe-core/playwright';
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import postgres from 'postgres';

/** The stack's addresses (see scripts/stack.mjs): Hetki itself and the sample clinic website on another origin. */
export const HETKI = `http://127.0.0.1:${process.env.E2E_PORT ?? '3100'}`;
export const SAMPLE_SITE = `http://127.0.0.1:${process.env.E2E_SAMPLE_PORT ?? '3101'}/`;
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hetki_e2e';

/** Superuser access to the e2e database, for checking what was stored. */
export function database(): postgres.Sql {
  return postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
}

export const uniqueEmail = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

/** Keeps a screenshot of the current state as a test artifact. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** No serious or critical axe-core violations on what the page shows now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    bad.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    `${label}: serious or critical accessibility violations`,
  ).toEqual([]);
}

/**
 * In the time step: the first free time, moving on week by week until one shows up. `weeksAhead`
 * skips weeks first: a booking that is to be changed or cancelled online must lie beyond the
 * clinic's change window.
 */
export async function firstFreeTime(widget: FrameLocator | Page, nextWeek: string, noTimes: RegExp, weeksAhead = 0) {
  for (let skip = 0; skip < weeksAhead; skip += 1) {
    await expect(widget.locator('button[data-slot]').or(widget.getByText(noTimes)).first()).toBeVisible();
    await widget.getByRole('button', { name: nextWeek }).click();
  }
  for (let week = 0; week < 6; week += 1) {
    const slot = widget.locator('button[data-slot]').first();
    const empty = widget.getByText(noTimes);
    await expect(slot.or(empty).first()).toBeVisible();
    if (await slot.isVisible()) return slot;
    await widget.getByRole('button', { name: nextWeek }).click();
  }
  throw new Error('no free time within six weeks');
}

/**
 * The manage link from the booking confirmation sent to `email`, as the development mail sink
 * caught it (the same address may also get other mail, such as a newsletter confirmation).
 */
export async function manageLinkFromMail(page: Page, email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await page.request.get(`${HETKI}/dev/mail/api/messages`)).json()) as { id: string; to: string[] }[];
        for (const message of list.filter((candidate) => candidate.to.includes(email))) {
          // The message page shows the decoded text body, whatever the transfer encoding.
          const shown = await (await page.request.get(`${HETKI}/dev/mail/messages/${message.id}`)).text();
          link = /https?:\/\/[^\s"<>]+\/book\/demo\/manage#[A-Za-z0-9_-]+/.exec(shown)?.[0] ?? link;
        }
        return link;
      },
      { timeout: 20_000, message: `a booking confirmation with a manage link to ${email}` },
    )
    .toBeTruthy();
  return link as string;
}
