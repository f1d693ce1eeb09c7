import { describe, expect, it } from 'vitest';
import { renderStaffInvitation } from './staffInvitation.js';

const base = {
  inviterName: 'Olivia <Omistaja>',
  role: 'reception' as const,
  clinic: { name: 'Fysio <Ö&Co>', email: 'info@example.test', phone: null, address: null },
  acceptUrl: 'https://hetki.example.test/invite#token=abcDEF123_-',
  validDays: 7,
};

describe('staff invitation email', () => {
  it.each([
    ['fi', 'vastaanotto'],
    ['sv', 'reception'],
    ['en', 'reception'],
  ] as const)('in %s: who invites, the role, the link with its fragment in both parts, names escaped in HTML', (locale, role) => {
    const email = renderStaffInvitation({ ...base, locale });
    expect(email.subject).toContain('Fysio <Ö&Co>');
    expect(email.text).toContain(base.acceptUrl);
    expect(email.text).toContain('Olivia <Omistaja>');
    expect(email.text).toContain(role);
    expect(email.text).toContain('7');
    expect(email.html).toContain(`href="${base.acceptUrl}"`);
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.html).toContain('Olivia &lt;Omistaja&gt;');
    expect(email.html).not.toContain('<Omistaja>');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderStaffInvitation({ ...base, locale: 'en', acceptUrl: 'javascript:alert(1)' })).toThrow();
  });
});
