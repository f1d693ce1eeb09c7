import type { TenantSettings } from '@hetki/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newClinic, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('staff.settings.update', () => {
  it('changes only the preferences sent and keeps every other one', async () => {
    const { client } = await newClinic(h.baseUrl);
    await client.mutate('staff.settings.update', {
      preferences: {
        clientFields: { birthDate: true, address: true, language: true, gender: false, birthYear: false },
        privacyNoticeVersion: '3',
        requirePersonalIdentityCode: true,
      },
    });
    const rules = { minNoticeMinutes: 60, maxAdvanceDays: 30, slotStepMinutes: 10, cancellationWindowHours: 12 };
    await client.mutate('staff.settings.update', { preferences: { bookingRules: rules } });

    const { preferences } = await client.query<TenantSettings>('staff.settings.get');
    expect(preferences.bookingRules).toEqual(rules);
    expect(preferences.clientFields).toEqual({ birthDate: true, address: true, language: true, gender: false, birthYear: false });
    expect(preferences.privacyNoticeVersion).toBe('3');
    expect(preferences.requirePersonalIdentityCode).toBe(true);
  });

  it('refuses a preference it does not know rather than ignoring it', async () => {
    const { client } = await newClinic(h.baseUrl);
    const refused = await client.failure('mutation', 'staff.settings.update', { preferences: { colourScheme: 'dark' } });
    expect(refused.data.reason).toBe('INVALID_INPUT');
  });
});
