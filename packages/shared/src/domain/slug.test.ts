import { describe, expect, it } from 'vitest';
import { slugProblem } from './slug.js';

describe('slugProblem', () => {
  it('accepts ordinary clinic slugs', () => {
    expect(slugProblem('fysio-helsinki')).toBeNull();
    expect(slugProblem('abc')).toBeNull();
  });
  it('rejects bad shapes and reserved names', () => {
    expect(slugProblem('ab')).not.toBeNull();
    expect(slugProblem('-abc')).not.toBeNull();
    expect(slugProblem('Abc')).not.toBeNull();
    expect(slugProblem('a--b')).not.toBeNull();
    expect(slugProblem('admin')).toBe('This address is reserved');
    expect(slugProblem('a'.repeat(41))).not.toBeNull();
  });
});
