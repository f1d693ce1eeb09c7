import { describe, expect, it } from 'vitest';
import {
  isValidPersonalIdentityCode,
  maskPersonalIdentityCode,
  parsePersonalIdentityCode,
  personalIdentityCodeCheckCharacter,
} from './personalIdentityCode.js';

describe('Finnish personal identity code', () => {
  it('accepts known-valid codes with every kind of century sign', () => {
    for (const code of [
      '131052-308T', // the Digital and Population Data Services Agency's own example
      '010594Y9021',
      '020594X903P',
      '030594W903B',
      '050594U903M',
      '010516B903X',
      '010516A902W',
      '020516C903K',
      '010181-900C', // a temporary code (individual number 900–999)
      '311280-888Y',
      '290200A902D', // 29 February 2000: a leap year
      '290296-1232', // 29 February 1996
      '010101+100X', // 1801
      '311299F1236',
      '150699Y456S',
    ]) {
      expect(isValidPersonalIdentityCode(code), code).toBe(true);
    }
  });

  it('parses the birth date and century', () => {
    expect(parsePersonalIdentityCode('131052-308T')).toEqual({
      code: '131052-308T',
      birthDate: '1952-10-13',
      individualNumber: 308,
      temporary: false,
    });
    expect(parsePersonalIdentityCode('010101+100X')?.birthDate).toBe('1801-01-01');
    expect(parsePersonalIdentityCode('010516B903X')?.birthDate).toBe('2016-05-01');
    expect(parsePersonalIdentityCode('010594Y9021')?.birthDate).toBe('1994-05-01');
    expect(parsePersonalIdentityCode('010181-900C')?.temporary).toBe(true);
  });

  it('accepts lower case and surrounding spaces, giving the canonical form', () => {
    expect(parsePersonalIdentityCode('  131052-308t ')?.code).toBe('131052-308T');
    expect(parsePersonalIdentityCode('010516b903x')?.code).toBe('010516B903X');
  });

  it('rejects a wrong check character', () => {
    expect(isValidPersonalIdentityCode('131052-308U')).toBe(false);
    expect(isValidPersonalIdentityCode('131052-3080')).toBe(false);
    expect(isValidPersonalIdentityCode('010594Y9022')).toBe(false);
  });

  it('rejects dates that do not exist', () => {
    expect(isValidPersonalIdentityCode('290299-902Y')).toBe(false); // 29 February 1999
    expect(isValidPersonalIdentityCode(`320190-123${personalIdentityCodeCheckCharacter('320190123')}`)).toBe(false);
    expect(isValidPersonalIdentityCode(`011390-123${personalIdentityCodeCheckCharacter('011390123')}`)).toBe(false);
    expect(isValidPersonalIdentityCode(`000190-123${personalIdentityCodeCheckCharacter('000190123')}`)).toBe(false);
    expect(isValidPersonalIdentityCode(`310490-123${personalIdentityCodeCheckCharacter('310490123')}`)).toBe(false);
    // 1900 was not a leap year, 2000 was
    expect(isValidPersonalIdentityCode(`290200-123${personalIdentityCodeCheckCharacter('290200123')}`)).toBe(false);
    expect(isValidPersonalIdentityCode(`290200A123${personalIdentityCodeCheckCharacter('290200123')}`)).toBe(true);
  });

  it('rejects unknown century signs, unused individual numbers and bad shapes', () => {
    expect(isValidPersonalIdentityCode(`131052G308T`)).toBe(false);
    expect(isValidPersonalIdentityCode(`131052Z308T`)).toBe(false);
    expect(isValidPersonalIdentityCode(`010190-000${personalIdentityCodeCheckCharacter('010190000')}`)).toBe(false);
    expect(isValidPersonalIdentityCode(`010190-001${personalIdentityCodeCheckCharacter('010190001')}`)).toBe(false);
    for (const bad of ['', '131052308T', '131052-308', '131052-308TT', '13105-2308T', '131052 308T', 'abcdef-ghiJ', '131052-30GT']) {
      expect(isValidPersonalIdentityCode(bad), bad).toBe(false);
    }
    // check characters G, I, O, Q and Z are never used
    expect(isValidPersonalIdentityCode('131052-308G')).toBe(false);
    expect(isValidPersonalIdentityCode('131052-308Z')).toBe(false);
  });

  it('masks the individual number', () => {
    expect(maskPersonalIdentityCode('131052-308T')).toBe('131052-****');
    expect(maskPersonalIdentityCode('010516b903x')).toBe('010516B****');
  });
});
