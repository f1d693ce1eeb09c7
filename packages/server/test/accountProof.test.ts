import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/services/auth/totp.js';
import { ApiClient, addMember, type Harness, type Me, newClinic, PASSWORD, startHarness, uniqueEmail } from './harness.js';

/**
 * Every way in with an existing staff account (login, sign-up of another clinic, an invitation)
 * proves the account the same way: the password, the authenticator code when it has one, under the
 * same lock. And an invitation lasts only as long as its sender may send it.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ LOGIN_MAX_FAILURES: '5' });
});
afterAll(() => h.close());

/** Turns two-step sign-in on; returns the secret. The code of the current step is spent doing so. */
async function enableTotp(client: ApiClient): Promise<string> {
  const { secret } = await client.mutate<{ secret: string }>('auth.totp.enrol');
  await client.mutate('auth.totp.verify', { code: totpCode(secret, new Date()) });
  return secret;
}

/** A code for the next step: not yet spent, and inside the accepted window. */
const nextCode = (secret: string) => totpCode(secret, new Date(Date.now() + 30_000));
/** A six-digit code that is not the one given. */
const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

async function clinicCount(email: string): Promise<number> {
  const [row] = await h.owner<{ count: number }[]>`
    select count(*)::int as count from memberships m join staff_users u on u.id = m.user_id where u.email = ${email}`;
  return row?.count ?? 0;
}

function inviteToken(acceptUrl: string): string {
  return new URL(acceptUrl).hash.replace('#token=', '');
}

describe('the second step cannot be skipped', () => {
  it('signing up another clinic with an account that has two-step sign-in on needs its code', async () => {
    const victim = await newClinic(h.baseUrl);
    const secret = await enableTotp(victim.client);
    const signUp = (slug: string, totpCode?: string) => ({
      clinic: { name: 'Taken Over', slug },
      owner: { name: 'Anyone', email: victim.email, password: PASSWORD, ...(totpCode ? { totpCode } : {}) },
    });
    const attacker = new ApiClient(h.baseUrl);
    const slug = `takeover-${Date.now().toString(36)}`;
    const noCode = await attacker.failure('mutation', 'platform.signUp', signUp(slug));
    expect(noCode).toMatchObject({ status: 401, data: { reason: 'TOTP_REQUIRED' } });
    const wrongCode = await attacker.failure('mutation', 'platform.signUp', signUp(slug, otherThan(nextCode(secret))));
    expect(wrongCode).toMatchObject({ status: 401, data: { reason: 'TOTP_INVALID' } });
    expect(attacker.cookie).toBeNull();
    expect(await clinicCount(victim.email)).toBe(1);
    const [tenant] = await h.owner`select 1 from tenants where slug = ${slug}`;
    expect(tenant).toBeUndefined();

    // The owner, with the code, adds the clinic.
    const me = await new ApiClient(h.baseUrl).mutate<Me & { memberships: unknown[] }>('platform.signUp', signUp(slug, nextCode(secret)));
    expect(me.memberships).toHaveLength(2);
  });

  it('accepting an invitation with an account that has two-step sign-in on needs its code', async () => {
    const victim = await newClinic(h.baseUrl);
    const secret = await enableTotp(victim.client);
    // Anyone may open a clinic and invite the victim's email: the link proves nothing about the account.
    const lure = await newClinic(h.baseUrl);
    const created = await lure.client.mutate<{ acceptUrl: string }>('staff.team.invite', { email: victim.email, role: 'reception' });
    const accept = (totpCode?: string) => ({
      token: inviteToken(created.acceptUrl),
      name: 'Anyone',
      password: PASSWORD,
      ...(totpCode ? { totpCode } : {}),
    });
    const attacker = new ApiClient(h.baseUrl);
    expect(await attacker.failure('mutation', 'auth.acceptInvite', accept())).toMatchObject({
      status: 401,
      data: { reason: 'TOTP_REQUIRED' },
    });
    expect((await attacker.failure('mutation', 'auth.acceptInvite', accept(otherThan(nextCode(secret))))).data.reason).toBe('TOTP_INVALID');
    expect(attacker.cookie).toBeNull();
    expect(await clinicCount(victim.email)).toBe(1);

    const me = await new ApiClient(h.baseUrl).mutate<Me & { memberships: unknown[] }>('auth.acceptInvite', accept(nextCode(secret)));
    expect(me.memberships).toHaveLength(2);
  });

  it('two logins at once with the same code: one gets in, the other is refused', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const secret = await enableTotp(client);
    const code = nextCode(secret);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        new ApiClient(h.baseUrl).attempt('mutation', 'auth.login', { email, password: PASSWORD, totpCode: code }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((one) => !one.ok)) expect(outcome).toMatchObject({ status: 401, reason: 'TOTP_INVALID' });
  });

  it('a signed-in session alone cannot replace a working authenticator', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const secret = await enableTotp(client);
    const [before] = await h.owner<{ totp_secret: string }[]>`select totp_secret from staff_users where email = ${email}`;
    expect(await client.failure('mutation', 'auth.totp.enrol')).toMatchObject({ status: 409, data: { reason: 'TOTP_ALREADY_ON' } });
    expect((await client.failure('mutation', 'auth.totp.verify', { code: nextCode(secret) })).data.reason).toBe('TOTP_ALREADY_ON');
    const [after] = await h.owner<{ totp_secret: string; totp_pending_secret: string | null }[]>`
      select totp_secret, totp_pending_secret from staff_users where email = ${email}`;
    expect(after).toEqual({ totp_secret: before?.totp_secret, totp_pending_secret: null });
    // The owner's own app still signs them in.
    expect(
      (await new ApiClient(h.baseUrl).mutate<Me>('auth.login', { email, password: PASSWORD, totpCode: nextCode(secret) })).user.email,
    ).toBe(email);
  });
});

describe('one lock for every password check', () => {
  it('wrong passwords sent through sign-up count towards the account lock', async () => {
    const { email } = await newClinic(h.baseUrl);
    const guesser = new ApiClient(h.baseUrl);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const guess = await guesser.failure('mutation', 'platform.signUp', {
        clinic: { name: 'Guess', slug: `guess-${attempt}-${Date.now().toString(36)}` },
        owner: { name: 'Guess', email, password: `wrong-guess-${attempt}` },
      });
      expect(guess.data.reason).toBe('EMAIL_TAKEN');
    }
    const locked = await new ApiClient(h.baseUrl).failure('mutation', 'auth.login', { email, password: PASSWORD });
    expect(locked).toMatchObject({ status: 429, data: { reason: 'TOO_MANY_ATTEMPTS' } });
  });

  it('parallel wrong passwords: no more are checked than the lock allows', async () => {
    const { email } = await newClinic(h.baseUrl);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        new ApiClient(h.baseUrl).attempt('mutation', 'auth.login', { email, password: `parallel-wrong-${index}` }),
      ),
    );
    const reasons = outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason));
    expect(reasons.filter((reason) => reason === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(reasons.filter((reason) => reason === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
  });

  it('a code still to enter is not a failure, and success clears the count', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const secret = await enableTotp(client);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect((await new ApiClient(h.baseUrl).failure('mutation', 'auth.login', { email, password: PASSWORD })).data.reason).toBe(
        'TOTP_REQUIRED',
      );
    }
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await new ApiClient(h.baseUrl).failure('mutation', 'auth.login', { email, password: `wrong-${attempt}` });
    }
    await new ApiClient(h.baseUrl).mutate('auth.login', { email, password: PASSWORD, totpCode: nextCode(secret) });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await new ApiClient(h.baseUrl).failure('mutation', 'auth.login', { email, password: `again-${attempt}` })).data.reason).toBe(
        'INVALID_CREDENTIALS',
      );
    }
  });

  it('turning two-step sign-in off guesses the password under the same lock', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const secret = await enableTotp(client);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const guess = await client.failure('mutation', 'auth.totp.disable', { password: `wrong-${attempt}`, code: nextCode(secret) });
      expect(guess.data.reason).toBe('INVALID_CREDENTIALS');
    }
    const locked = await client.failure('mutation', 'auth.totp.disable', { password: PASSWORD, code: nextCode(secret) });
    expect(locked).toMatchObject({ status: 429, data: { reason: 'TOO_MANY_ATTEMPTS' } });
    const [row] = await h.owner<{ on: boolean }[]>`select totp_secret is not null as on from staff_users where email = ${email}`;
    expect(row?.on).toBe(true);
  });
});

describe('invitations', () => {
  it('an invitation from an admin who is removed stops working', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const admin = await addMember(owner, 'admin', h.baseUrl);
    // The admin keeps the link they were shown, for an address of their own.
    const kept = await admin.client.mutate<{ acceptUrl: string }>('staff.team.invite', { email: uniqueEmail('alt'), role: 'admin' });
    await owner.mutate('staff.team.remove', { userId: admin.me.user.id });
    const used = await new ApiClient(h.baseUrl).failure('mutation', 'auth.acceptInvite', {
      token: inviteToken(kept.acceptUrl),
      name: 'Back Door',
      password: PASSWORD,
    });
    expect(used.data.reason).toBe('INVITE_INVALID');
  });

  it('a demoted owner’s invitations to roles they may no longer grant are withdrawn; the rest stand', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const second = await addMember(owner, 'owner', h.baseUrl);
    const practitioner = await second.client.mutate<{ acceptUrl: string }>('staff.team.invite', {
      email: uniqueEmail('prac'),
      role: 'practitioner',
    });
    const reception = await second.client.mutate<{ acceptUrl: string }>('staff.team.invite', {
      email: uniqueEmail('desk'),
      role: 'reception',
    });
    await owner.mutate('staff.team.changeRole', { userId: second.me.user.id, role: 'admin' });
    const accept = (url: string) =>
      new ApiClient(h.baseUrl).attempt('mutation', 'auth.acceptInvite', {
        token: inviteToken(url),
        name: 'New Person',
        password: PASSWORD,
      });
    expect(await accept(practitioner.acceptUrl)).toMatchObject({ ok: false, reason: 'INVITE_INVALID' });
    expect(await accept(reception.acceptUrl)).toMatchObject({ ok: true });
  });

  it('an invitation submitted twice at once makes one account and a clear answer for the other, not a 500', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const email = uniqueEmail('twice');
    const created = await owner.mutate<{ acceptUrl: string }>('staff.team.invite', { email, role: 'reception' });
    const input = { token: inviteToken(created.acceptUrl), name: 'Double Click', password: PASSWORD };
    const outcomes = await Promise.all([0, 1].map(() => new ApiClient(h.baseUrl).attempt('mutation', 'auth.acceptInvite', input)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ reason: 'INVITE_INVALID' });
    expect(await clinicCount(email)).toBe(1);
  });

  it('two clinics’ invitations to one new email accepted at once: one account, and EMAIL_TAKEN for the other, not a 500', async () => {
    const email = uniqueEmail('two-clinics');
    const links = await Promise.all(
      [await newClinic(h.baseUrl), await newClinic(h.baseUrl)].map(({ client }) =>
        client.mutate<{ acceptUrl: string }>('staff.team.invite', { email, role: 'reception' }),
      ),
    );
    const outcomes = await Promise.all(
      links.map(({ acceptUrl }) =>
        new ApiClient(h.baseUrl).attempt('mutation', 'auth.acceptInvite', {
          token: inviteToken(acceptUrl),
          name: 'Kaksi Kutsua',
          password: PASSWORD,
        }),
      ),
    );
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed.length).toBeLessThanOrEqual(1);
    // Whichever way the race went, nobody got a 500: the loser is told to use the account's password.
    for (const outcome of failed) expect(outcome).toMatchObject({ status: 409, reason: 'EMAIL_TAKEN' });
    expect(await clinicCount(email)).toBe(outcomes.length - failed.length);
  });

  it('one new email signed up twice at once: one clinic, and EMAIL_TAKEN for the other', async () => {
    const email = uniqueEmail('twice-signup');
    const stamp = Date.now().toString(36);
    const outcomes = await Promise.all(
      [0, 1].map((index) =>
        new ApiClient(h.baseUrl).attempt('mutation', 'platform.signUp', {
          clinic: { name: 'Twice', slug: `twice-${index}-${stamp}` },
          owner: { name: 'Twice', email, password: PASSWORD },
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ status: 409, reason: 'EMAIL_TAKEN' });
    expect(await clinicCount(email)).toBe(1);
  });
});
