import { describe, expect, it } from 'vitest';
import { renderPortalSignIn } from './portalSignIn.js';

const base = {
  firstName: 'Maija',
  clinic: { name: 'Fysio <Ö&Co>', email: 'info@example.test', phone: '+358 40 111 2222', address: null },
  signInUrl: 'https://hetki.example.test/my/fysio#signin=abcDEF123_-',
  validMinutes: 15,
};

describe('portal sign-in email', () => {
  it.each(['fi', 'sv', 'en'] as const)('in %s: the link with its fragment in both parts, the clinic escaped in HTML', (locale) => {
    const email = renderPortalSignIn({ ...base, locale });
    expect(email.subject).toContain('Fysio <Ö&Co>');
    expect(email.text).toContain(base.signInUrl);
    expect(email.text).toContain('15');
    expect(email.html).toContain(`href="${base.signInUrl}"`);
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.html).toContain('Fysio &lt;Ö&amp;Co&gt;');
    expect(email.html).not.toContain('<Ö&Co>');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => renderPortalSignIn({ ...base, locale: 'en', signInUrl: 'javascript:alert(1)' })).toThrow();
  });

  it('greets without a name when the client has none', () => {
    expect(renderPortalSignIn({ ...base, locale: 'en', firstName: ' ' }).text).toMatch(/^Sign in to your details\n\nHello,\n/);
  });
});
