import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/util/group-by.js';

describe('groupBy', () => {
  it('keeps first-seen key order and item order within a group', () => {
    const g = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...g.keys()]).toEqual(['b', 'a', 'c']);
    expect(g.get('b')).toEqual(['b1', 'b2']);
    expect(g.get('a')).toEqual(['a1', 'a2']);
  });
  it('leaves out items whose key is undefined and passes the index', () => {
    const g = groupBy([10, 11, 12, 13], (x, i) => (i === 1 ? undefined : String(x % 2)));
    expect(Object.fromEntries(g)).toEqual({ '0': [10, 12], '1': [13] });
  });
  it('an empty input gives an empty map', () => expect(groupBy([], () => 'x').size).toBe(0));
});
