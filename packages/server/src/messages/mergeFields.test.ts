import { describe, expect, it } from 'vitest';
import {
  campaignEmailHtml,
  campaignEmailText,
  type MergeField,
  plainTextToHtml,
  renderMergeTemplate,
  UnknownMergeFieldError,
  unknownMergeFields,
} from './mergeFields.js';

const values: Record<MergeField, string> = {
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  fullName: 'Maija Meikäläinen',
  clinicName: 'Fysio Hetki',
};

describe('unknownMergeFields', () => {
  it('accepts the known fields, with or without whitespace inside the braces', () => {
    expect(unknownMergeFields('Hei {{firstName}} {{ lastName }} {{  fullName\t}}, {{clinicName}}')).toEqual([]);
  });

  it('lists unknown and misspelt fields once each, in order', () => {
    expect(unknownMergeFields('{{ firstname }} {{email}} {{firstname}} {{first Name}} {{}}')).toEqual([
      'firstname',
      'email',
      'first Name',
      '',
    ]);
  });

  it('ignores text that is not a placeholder', () => {
    expect(unknownMergeFields('{ single } and {{ open and close }')).toEqual([]);
  });
});

describe('renderMergeTemplate', () => {
  it('fills in fields in text mode verbatim', () => {
    expect(renderMergeTemplate('Hei {{ firstName }}!\n{{clinicName}} & co', values, 'text')).toBe('Hei Maija!\nFysio Hetki & co');
  });

  it('refuses a template with unknown fields', () => {
    expect(() => renderMergeTemplate('Hei {{name}}', values, 'text')).toThrow(UnknownMergeFieldError);
    expect(() => renderMergeTemplate('Hei {{name}} {{ phone }}', values, 'html')).toThrow('Unknown merge fields: {{name}}, {{phone}}');
  });

  it('does not expand placeholders that come from a value', () => {
    expect(renderMergeTemplate('{{firstName}}', { ...values, firstName: '{{lastName}}' }, 'text')).toBe('{{lastName}}');
  });

  it('in html mode escapes values and the template text, and lays out paragraphs', () => {
    const html = renderMergeTemplate(
      'Hei {{firstName}},\n<b>tarjous</b> & alennus\n\n\nTervetuloa!\r\nTerveisin {{clinicName}}',
      { ...values, firstName: '<script>x</script>', clinicName: 'A "&" B' },
      'html',
    );
    expect(html).toBe(
      [
        '<p style="margin:0 0 16px;">Hei &lt;script&gt;x&lt;/script&gt;,<br>\n&lt;b&gt;tarjous&lt;/b&gt; &amp; alennus</p>',
        '<p style="margin:0 0 16px;">Tervetuloa!<br>\nTerveisin A &quot;&amp;&quot; B</p>',
      ].join('\n'),
    );
  });
});

describe('plainTextToHtml', () => {
  it('treats a line of only spaces as a blank line and ignores outer blank lines', () => {
    expect(plainTextToHtml('\n\none\n   \ntwo\n\n')).toBe('<p style="margin:0 0 16px;">one</p>\n<p style="margin:0 0 16px;">two</p>');
    expect(plainTextToHtml('  \n ')).toBe('');
  });
});

describe('campaign email', () => {
  const frame = {
    clinicName: 'Fysio <Hetki>',
    unsubscribeUrl: 'https://hetki.example/unsubscribe?t=abc&l=fi',
    clinicContactLine: 'Fysio Hetki Oy, Mannerheimintie 1, 00100 Helsinki',
  };

  it('wraps the body with a localized reason and a visible unsubscribe link', () => {
    const expected = { fi: 'Peru tilaus', sv: 'Avsluta prenumerationen', en: 'Unsubscribe' } as const;
    for (const locale of ['fi', 'sv', 'en'] as const) {
      const bodyHtml = renderMergeTemplate('Hei {{firstName}}!', values, 'html');
      const html = campaignEmailHtml({ ...frame, locale, bodyHtml });
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toContain('<p style="margin:0 0 16px;">Hei Maija!</p>');
      expect(html).toMatch(new RegExp(`<a href="https://hetki\\.example/unsubscribe\\?t=abc&amp;l=fi"[^>]*>${expected[locale]}</a>`));
      expect(html).toContain('Fysio &lt;Hetki&gt;');
      expect(html).toContain(frame.clinicContactLine);

      const text = campaignEmailText({ ...frame, locale, bodyText: renderMergeTemplate('Hei {{firstName}}!', values, 'text') });
      expect(text.startsWith('Hei Maija!\n')).toBe(true);
      expect(text).toContain(`${expected[locale]}: ${frame.unsubscribeUrl}`);
      expect(text).toContain('Fysio <Hetki>');
      expect(text).toContain(frame.clinicContactLine);
    }
  });

  it('says why the person receives the mail', () => {
    const text = campaignEmailText({ ...frame, locale: 'fi', bodyText: 'x' });
    expect(text).toContain(
      'Saat tämän viestin, koska olet antanut suostumuksesi markkinointiviestien vastaanottamiseen lähettäjältä Fysio <Hetki>.',
    );
    expect(text).toContain('Voit perua tilauksen milloin tahansa maksutta.');
  });

  it('refuses an unsubscribe link that is not http(s)', () => {
    expect(() => campaignEmailHtml({ ...frame, locale: 'en', bodyHtml: '', unsubscribeUrl: 'javascript:void(0)' })).toThrow(/http/);
  });
});
