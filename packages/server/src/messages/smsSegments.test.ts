import { describe, expect, it } from 'vitest';
import { SMS_STOP_TEXT, smsSegments, withStopInstruction } from './smsSegments.js';

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits 161 into two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', characters: 306, segments: 2 });
    expect(smsSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', characters: 307, segments: 3 });
  });

  it('keeps Finnish and Swedish letters in GSM-7', () => {
    expect(smsSegments('Hyvää päivää! Åbo, Österbotten, Ä Ö å é ü ß @ £ $ ¥ § ¿ ¡')).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments('ä'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
  });

  it('counts extension characters as two septets', () => {
    expect(smsSegments('€')).toEqual({ encoding: 'GSM-7', characters: 2, segments: 1 });
    expect(smsSegments('[]{}\\^~|€')).toEqual({ encoding: 'GSM-7', characters: 18, segments: 1 });
    expect(smsSegments(`${'a'.repeat(158)}€`)).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
  });

  it('does not split an escape sequence between segments', () => {
    // 152 + 2 would straddle the 153-septet boundary, so the euro moves to the second part.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', characters: 306, segments: 3 });
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toEqual({ encoding: 'GSM-7', characters: 306, segments: 2 });
  });

  it('switches to UCS-2 for characters outside GSM 03.38', () => {
    expect(smsSegments('Šiauliai')).toEqual({ encoding: 'UCS-2', characters: 8, segments: 1 });
    expect(smsSegments('š'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSegments('š'.repeat(71))).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
    expect(smsSegments('š'.repeat(135))).toEqual({ encoding: 'UCS-2', characters: 135, segments: 3 });
    // A no-break space or an en dash is enough to leave GSM-7.
    expect(smsSegments('klo\u00a014.00').encoding).toBe('UCS-2');
    expect(smsSegments('14.00–15.00').encoding).toBe('UCS-2');
  });

  it('counts an emoji as two UTF-16 code units and keeps the pair together', () => {
    expect(smsSegments('😀')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1 });
    expect(smsSegments(`${'a'.repeat(68)}😀`)).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', characters: 134, segments: 3 });
  });

  it('counts an extension character in UCS-2 as one unit', () => {
    expect(smsSegments('€š')).toEqual({ encoding: 'UCS-2', characters: 2, segments: 1 });
  });

  it('has no segments for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
  });
});

describe('withStopInstruction', () => {
  it('appends the localized opt-out on its own line', () => {
    expect(withStopInstruction('Kevään tarjous!', 'fi')).toBe('Kevään tarjous!\nPeru: vastaa STOP');
    expect(withStopInstruction('Vårens erbjudande!\n', 'sv')).toBe('Vårens erbjudande!\nAvsluta: svara STOP');
    expect(withStopInstruction('Spring offer!', 'en')).toBe('Spring offer!\nOpt out: reply STOP');
  });

  it('does not add it twice', () => {
    const once = withStopInstruction('Tarjous', 'fi');
    expect(withStopInstruction(once, 'fi')).toBe(once);
  });

  it('keeps every opt-out text in GSM-7', () => {
    for (const text of Object.values(SMS_STOP_TEXT)) expect(smsSegments(text).encoding).toBe('GSM-7');
  });
});
