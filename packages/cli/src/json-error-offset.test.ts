import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON', () => {
    for (const t of ['{}', '[1, -2.5e3, "a\\u00e9\\n", true, false, null]', ' {"a": {"b": []}} ']) expect(jsonErrorOffset(t)).toBe(-1);
  });

  it('points at the first character that is wrong', () => {
    expect(jsonErrorOffset('{"a": [}')).toBe(7);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": "b')).toBe(8);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const t of ['{"a":1}', '[01]', '"\\x"', '[1 2]', '{"a":1,}', '-', '1e', '"\t"']) {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(t) === -1).toBe(valid);
    }
  });
});
