import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/services/auth/totp.js';
import { ApiClient, addMember, type Harness, type Me, newClinic, PASSWORD, startHarness, uniqueEmail } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ LOGIN_MAX_FAILURES: '5', SESSION_IDLE_MINUTES: '30' });
});
afterAll(() => h.close());

describe('sign-up', () => {
  it('creates a clinic and its owner, signed in, with the password hashed as argon2id (m=19 MiB, t=2, p=1)', async () => {
    const { client, me, email } = await newClinic(h.baseUrl, 'Fysio Testinen');
    expect(me.tenant).toMatchObject({ name: 'Fysio Testinen', role: 'owner' });
    expect((await client.query<Me>('auth.me'))?.user.email).toBe(email);
    const [row] = await h.owner<{ password_hash: string }[]>`select password_hash from staff_users where email = ${email}`;
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain(PASSWORD);
  });

  it('refuses a taken or reserved slug with a clear code', async () => {
    const { slug } = await newClinic(h.baseUrl);
    const second = new ApiClient(h.baseUrl);
    const taken = await second.failure('mutation', 'platform.signUp', {
      clinic: { name: 'Other', slug },
      owner: { name: 'Other Owner', email: uniqueEmail(), password: PASSWORD },
    });
    expect(taken).toMatchObject({ status: 409, data: { reason: 'SLUG_TAKEN' } });
    const reserved = await second.failure('mutation', 'platform.signUp', {
      clinic: { name: 'Other', slug: 'admin' },
      owner: { name: 'Other Owner', email: uniqueEmail(), password: PASSWORD },
    });
    expect(reserved).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
    expect(reserved.data.fieldErrors?.['clinic.slug']).toEqual(['This address is reserved']);
  });

  it('refuses a weak password for a new account', async () => {
    const weak = await new ApiClient(h.baseUrl).failure('mutation', 'platform.signUp', {
      clinic: { name: 'Weak', slug: `weak-${Date.now()}` },
      owner: { name: 'Weak Owner', email: uniqueEmail(), password: 'short' },
    });
    expect(weak).toMatchObject({ status: 400, data: { reason: 'INVALID_INPUT' } });
  });
});

describe('login', () => {
  it('gives the same generic error for an unknown user and a wrong password', async () => {
    const { email } = await newClinic(h.baseUrl);
    const client = new ApiClient(h.baseUrl);
    const wrong = await client.failure('mutation', 'auth.login', { email, password: 'not the password' });
    const unknown = await client.failure('mutation', 'auth.login', { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong).toMatchObject({ status: 401, data: { reason: 'INVALID_CREDENTIALS' } });
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.data.reason).toBe(wrong.data.reason);
    expect(unknown.status).toBe(wrong.status);
    expect(client.cookie).toBeNull();
  });

  it('locks the account after repeated failures, even against the right password, until the lock expires', async () => {
    const { email } = await newClinic(h.baseUrl);
    const client = new ApiClient(h.baseUrl);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await client.failure('mutation', 'auth.login', { email, password: `wrong-${attempt}` })).data.reason).toBe(
        'INVALID_CREDENTIALS',
      );
    }
    const locked = await client.failure('mutation', 'auth.login', { email, password: PASSWORD });
    expect(locked).toMatchObject({ status: 429, data: { reason: 'TOO_MANY_ATTEMPTS' } });
    expect(client.cookie).toBeNull();

    const keys = await h.deps.redis.keys(`${h.deps.env.REDIS_PREFIX}:login:account:*`);
    expect(keys.some((key) => key.includes(email))).toBe(false);
    await h.deps.redis.del(...keys);
    expect((await client.mutate<Me>('auth.login', { email, password: PASSWORD })).user.email).toBe(email);
  });

  it('limits attempts per IP across accounts', async () => {
    const strict = await startHarness({ LOGIN_MAX_PER_IP: '5' });
    try {
      const client = new ApiClient(strict.baseUrl);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await client.failure('mutation', 'auth.login', { email: uniqueEmail('spray'), password: 'whatever-password' });
      }
      const blocked = await client.failure('mutation', 'auth.login', { email: uniqueEmail('spray'), password: 'whatever-password' });
      expect(blocked.data.reason).toBe('TOO_MANY_ATTEMPTS');
    } finally {
      await strict.close();
    }
  });

  it('rotates the session id at login: the previous cookie stops working', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const before = client.cookie;
    await client.mutate('auth.login', { email, password: PASSWORD });
    expect(client.cookie).not.toBe(before);
    const stale = new ApiClient(h.baseUrl);
    stale.cookie = before;
    expect(await stale.query('auth.me')).toBeNull();
    expect((await stale.failure('query', 'staff.settings.get')).data.reason).toBe('SESSION_REQUIRED');
  });

  it('sets an httpOnly SameSite=Lax cookie holding an opaque token that is stored only hashed', async () => {
    const email = uniqueEmail();
    const response = await fetch(`${h.baseUrl}/trpc/platform.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clinic: { name: 'Cookie', slug: `cookie-${Date.now()}` }, owner: { name: 'C', email, password: PASSWORD } }),
    });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('hetki_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = cookie?.split(';')[0]?.split('=')[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);
    const stored = await h.owner`select 1 from sessions where token_hash = ${token}`;
    expect(stored).toHaveLength(0);
  });

  it('logout ends the session on the server', async () => {
    const { client } = await newClinic(h.baseUrl);
    const cookie = client.cookie;
    await client.mutate('auth.logout');
    const replay = new ApiClient(h.baseUrl);
    replay.cookie = cookie;
    expect(await replay.query('auth.me')).toBeNull();
  });

  it('expires a session that has been idle too long', async () => {
    const { client } = await newClinic(h.baseUrl);
    h.clock.offsetMs = 29 * 60_000;
    expect(await client.query('auth.me')).not.toBeNull();
    h.clock.offsetMs = 29 * 60_000 + 31 * 60_000 + 61_000;
    try {
      expect(await client.query('auth.me')).toBeNull();
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});

describe('password change', () => {
  it('needs the current password, rotates this session and signs out the others', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const other = new ApiClient(h.baseUrl);
    await other.mutate('auth.login', { email, password: PASSWORD });

    const wrong = await client.failure('mutation', 'auth.changePassword', {
      currentPassword: 'nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.data.reason).toBe('INVALID_CREDENTIALS');

    const before = client.cookie;
    await client.mutate('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(client.cookie).not.toBe(before);
    expect(await client.query('auth.me')).not.toBeNull();
    expect(await other.query('auth.me')).toBeNull();
    const relogin = new ApiClient(h.baseUrl);
    expect((await relogin.failure('mutation', 'auth.login', { email, password: PASSWORD })).data.reason).toBe('INVALID_CREDENTIALS');
    await relogin.mutate('auth.login', { email, password: 'a brand new passphrase' });
  });
});

describe('TOTP', () => {
  it('enrols, then demands a valid, unused code at every login', async () => {
    const { client, email } = await newClinic(h.baseUrl);
    const { secret, otpauthUrl } = await client.mutate<{ secret: string; otpauthUrl: string }>('auth.totp.enrol');
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(
      (await client.failure('mutation', 'auth.totp.verify', { code: '000000' === totpCode(secret, new Date()) ? '111111' : '000000' })).data
        .reason,
    ).toBe('TOTP_INVALID');
    await client.mutate('auth.totp.verify', { code: totpCode(secret, new Date()) });
    const [stored] = await h.owner<{ totp_secret: string }[]>`select totp_secret from staff_users where email = ${email}`;
    expect(stored?.totp_secret).not.toContain(secret);

    const fresh = new ApiClient(h.baseUrl);
    expect((await fresh.failure('mutation', 'auth.login', { email, password: PASSWORD })).data.reason).toBe('TOTP_REQUIRED');
    expect(fresh.cookie).toBeNull();
    expect(
      (
        await fresh.failure('mutation', 'auth.login', {
          email,
          password: PASSWORD,
          totpCode: '123456' === totpCode(secret, new Date()) ? '654321' : '123456',
        })
      ).data.reason,
    ).toBe('TOTP_INVALID');

    // The code used to confirm enrolment is spent; the next step's code is accepted once.
    const next = totpCode(secret, new Date(Date.now() + 30_000));
    const me = await fresh.mutate<Me>('auth.login', { email, password: PASSWORD, totpCode: next });
    expect(me.user.totpEnabled).toBe(true);
    const replay = new ApiClient(h.baseUrl);
    expect((await replay.failure('mutation', 'auth.login', { email, password: PASSWORD, totpCode: next })).data.reason).toBe(
      'TOTP_INVALID',
    );
  });
});

describe('roles and CSRF', () => {
  it('each staff procedure admits only its roles', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const { client: reception } = await addMember(owner, 'reception', h.baseUrl);
    const { client: practitioner } = await addMember(owner, 'practitioner', h.baseUrl);
    const { client: admin, me: adminMe } = await addMember(owner, 'admin', h.baseUrl);

    expect((await reception.failure('query', 'staff.team.list')).data.reason).toBe('ROLE_FORBIDDEN');
    expect((await practitioner.failure('mutation', 'staff.settings.update', { name: 'Hijack' })).data.reason).toBe('ROLE_FORBIDDEN');
    expect((await reception.query<{ name: string }>('staff.settings.get')).name).toBe('Test Clinic');
    expect((await admin.query<{ members: unknown[] }>('staff.team.list')).members).toHaveLength(4);

    // An admin manages the team but cannot make owners or touch them.
    expect((await admin.failure('mutation', 'staff.team.invite', { email: uniqueEmail(), role: 'owner' })).data.reason).toBe('OWNER_ONLY');
    const ownerId = (await owner.query<Me>('auth.me')).user.id;
    expect((await admin.failure('mutation', 'staff.team.remove', { userId: ownerId })).data.reason).toBe('OWNER_ONLY');
    // Nor grant or take the practitioner role, which reads visit notes: not to others, not to themselves.
    expect((await admin.failure('mutation', 'staff.team.invite', { email: uniqueEmail(), role: 'practitioner' })).data.reason).toBe(
      'OWNER_ONLY',
    );
    const receptionId = (await reception.query<Me>('auth.me')).user.id;
    const practitionerId = (await practitioner.query<Me>('auth.me')).user.id;
    for (const [userId, role] of [
      [adminMe.user.id, 'practitioner'],
      [receptionId, 'practitioner'],
      [practitionerId, 'reception'],
    ] as const) {
      expect((await admin.failure('mutation', 'staff.team.changeRole', { userId, role })).data.reason).toBe('OWNER_ONLY');
    }
    expect((await admin.failure('query', 'staff.clients.health.get', { clientId: crypto.randomUUID() })).data.reason).toBe(
      'ROLE_FORBIDDEN',
    );
    // What does not touch patient records stays the admin's to manage.
    await admin.mutate('staff.team.changeRole', { userId: receptionId, role: 'admin' });
    await admin.mutate('staff.team.changeRole', { userId: receptionId, role: 'reception' });
    expect(
      (await admin.mutate<{ invitation: { role: string } }>('staff.team.invite', { email: uniqueEmail(), role: 'reception' })).invitation
        .role,
    ).toBe('reception');
    // The last owner cannot step down.
    expect((await owner.failure('mutation', 'staff.team.changeRole', { userId: ownerId, role: 'admin' })).data.reason).toBe('LAST_OWNER');
    await owner.mutate('staff.team.changeRole', { userId: adminMe.user.id, role: 'owner' });
    await owner.mutate('staff.team.changeRole', { userId: ownerId, role: 'admin' });
    expect((await owner.query<Me>('auth.me')).tenant?.role).toBe('admin');
  });

  it('a removed member loses access at once', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const { client: reception, me } = await addMember(owner, 'reception', h.baseUrl);
    await owner.mutate('staff.team.remove', { userId: me.user.id });
    expect((await reception.failure('query', 'staff.settings.get')).data.reason).toBe('NO_TENANT');
  });

  it('a cookie-authenticated mutation without the CSRF token is refused and changes nothing', async () => {
    const { client } = await newClinic(h.baseUrl);
    const token = client.csrfToken;
    client.csrfToken = null;
    const refused = await client.failure('mutation', 'staff.settings.update', { name: 'Forged' });
    expect(refused).toMatchObject({ status: 403, data: { reason: 'CSRF_FAILED' } });
    client.csrfToken = 'x'.repeat(token?.length ?? 32);
    expect((await client.failure('mutation', 'staff.settings.update', { name: 'Forged' })).data.reason).toBe('CSRF_FAILED');
    client.csrfToken = token;
    expect((await client.query<{ name: string }>('staff.settings.get')).name).toBe('Test Clinic');
  });

  it('a login posted from another site is refused', async () => {
    const { email } = await newClinic(h.baseUrl);
    const client = new ApiClient(h.baseUrl);
    client.extraHeaders.origin = 'https://evil.example';
    expect((await client.failure('mutation', 'auth.login', { email, password: PASSWORD })).data.reason).toBe('CSRF_FAILED');
    expect(client.cookie).toBeNull();
  });
});

describe('invitations', () => {
  it('an invitation works once, and not after it is revoked', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const created = await owner.mutate<{ acceptUrl: string; invitation: { id: string } }>('staff.team.invite', {
      email: uniqueEmail(),
      role: 'practitioner',
    });
    const token = new URL(created.acceptUrl).hash.replace('#token=', '');
    await new ApiClient(h.baseUrl).mutate('auth.acceptInvite', { token, name: 'New Person', password: PASSWORD });
    const again = await new ApiClient(h.baseUrl).failure('mutation', 'auth.acceptInvite', { token, name: 'Again', password: PASSWORD });
    expect(again.data.reason).toBe('INVITE_INVALID');

    const revoked = await owner.mutate<{ acceptUrl: string; invitation: { id: string } }>('staff.team.invite', {
      email: uniqueEmail(),
      role: 'reception',
    });
    await owner.mutate('staff.team.revokeInvite', { invitationId: revoked.invitation.id });
    const revokedToken = new URL(revoked.acceptUrl).hash.replace('#token=', '');
    expect(
      (await new ApiClient(h.baseUrl).failure('mutation', 'auth.acceptInvite', { token: revokedToken, name: 'X', password: PASSWORD })).data
        .reason,
    ).toBe('INVITE_INVALID');
  });

  it('accepting an invitation ends the session the browser already had', async () => {
    const { client: owner } = await newClinic(h.baseUrl);
    const other = await newClinic(h.baseUrl);
    const previous = other.client.cookie;
    const created = await owner.mutate<{ acceptUrl: string }>('staff.team.invite', { email: uniqueEmail(), role: 'reception' });
    const token = new URL(created.acceptUrl).hash.replace('#token=', '');
    await other.client.mutate('auth.acceptInvite', { token, name: 'Shared Browser', password: PASSWORD });
    expect(other.client.cookie).not.toBe(previous);
    const stale = new ApiClient(h.baseUrl);
    stale.cookie = previous;
    expect(await stale.query('auth.me')).toBeNull();
  });

  it('an existing account joins a second clinic with its own password and can switch between them', async () => {
    const first = await newClinic(h.baseUrl, 'First Clinic');
    const second = await newClinic(h.baseUrl, 'Second Clinic');
    const created = await second.client.mutate<{ acceptUrl: string }>('staff.team.invite', { email: first.email, role: 'admin' });
    const token = new URL(created.acceptUrl).hash.replace('#token=', '');
    const wrong = await new ApiClient(h.baseUrl).failure('mutation', 'auth.acceptInvite', {
      token,
      name: 'Owner Person',
      password: 'wrong password!',
    });
    expect(wrong.data.reason).toBe('INVALID_CREDENTIALS');
    const joined = new ApiClient(h.baseUrl);
    const me = await joined.mutate<Me & { memberships: { tenantId: string }[] }>('auth.acceptInvite', {
      token,
      name: 'Owner Person',
      password: PASSWORD,
    });
    expect(me.tenant?.name).toBe('Second Clinic');
    expect(me.memberships).toHaveLength(2);
    const switched = await joined.mutate<Me>('auth.switchTenant', { tenantId: first.me.tenant?.tenantId });
    expect(switched.tenant).toMatchObject({ name: 'First Clinic', role: 'owner' });
    expect((await joined.query<{ name: string }>('staff.settings.get')).name).toBe('First Clinic');
  });
});
