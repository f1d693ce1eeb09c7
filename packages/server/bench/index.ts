// All benchmark traffic comes from 127.0.0.1: lift the per-IP login limit, and keep the bench's
// Redis keys apart from a running instance's. Set before any module reads the environment.
process.env.LOGIN_MAX_PER_IP ??= '1000000';
process.env.LOGIN_MAX_FAILURES ??= '100';
process.env.REDIS_PREFIX ??= `hetki-bench-${process.pid}`;

const { benchAuth } = await import('./auth.js');
const { benchProfile } = await import('./profile.js');
const { benchAvailability } = await import('./availability.js');
const { benchBooking } = await import('./booking.js');
const { benchWeb } = await import('./web.js');
const { benchCampaign } = await import('./campaign.js');
const { benchFloor } = await import('./floor.js');

/** `pnpm bench <name>`: each benchmark prints its figures; nothing here asserts timings. */
const BENCHMARKS: Record<string, { about: string; run: () => Promise<void> }> = {
  auth: { about: 'argon2id cost and logins per second over HTTP', run: benchAuth },
  profile: { about: 'public clinic profile lookups at 32 connections, beside /healthz', run: benchProfile },
  availability: {
    about: '14-day availability of a 20-practitioner clinic with 50,000 bookings, beside a no-op query',
    run: benchAvailability,
  },
  booking: { about: 'bookings/s with 64 clients on distinct slots, and a race of 1,000 attempts at 100 slots', run: benchBooking },
  web: { about: 'gzipped loader and widget JavaScript, and loader inserted → first free times in headless Chromium', run: benchWeb },
  campaign: {
    about: 'an email campaign to 100,000 contacts (half consented) through the worker to an SMTP sink, beside bare BullMQ',
    run: benchCampaign,
  },
  floor: {
    about: "bare node:http, express and express + tRPC (an empty query) beside Hetki's no-op: the HTTP stack's ceiling here",
    run: benchFloor,
  },
};

const names = process.argv.slice(2).filter((arg) => arg !== '--');
if (names.length === 0 || names.some((name) => !BENCHMARKS[name])) {
  console.log('Usage: pnpm bench <name> [<name> ...]\n');
  for (const [name, { about }] of Object.entries(BENCHMARKS)) console.log(`  ${name.padEnd(10)} ${about}`);
  process.exit(names.length === 0 ? 0 : 2);
}
for (const name of names) {
  console.log(`\n== ${name} ==`);
  await BENCHMARKS[name]?.run();
}
process.exit(0);

export {};
