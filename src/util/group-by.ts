/**
 * Group items by a string key, keeping first-seen order of the keys and the
 * items' order within each group (like d3-array's `group`, for one key).
 * Items whose key is undefined are left out.
 * @example groupBy(['a1', 'b1', 'a2'], (s) => s[0]); // => Map { 'a' => ['a1', 'a2'], 'b' => ['b1'] }
 */
export function groupBy<T>(items: Iterable<T>, key: (item: T, index: number) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
