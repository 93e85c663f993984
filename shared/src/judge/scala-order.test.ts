import { describe, expect, it } from 'vitest';
import { javaStringHashCode, scalaGroupByOrder, scalaImmutableMapOrder } from './scala-order';
// 300 random group-name lists and the iteration orders Scala gives for them, produced by testdata/Order.scala with
// scalac/scala 2.11.12 (Debian), whose mutable.HashMap, immutable.HashMap/Map1–Map4 and groupBy are the 2.12 code Kayenta runs:
// `names.map(g => (g, label)).groupBy(_._1).mapValues(…).map { case (g, _) => g }.toList` and
// `javaLinkedHashMap.asScala.mapValues(_.toDouble).toMap.keys.toList`.
import reference from './testdata/scala-map-order.json';

interface OrderCase {
  encounter: string[];
  groupByOrder: string[];
  weightKeys: string[];
  toMapOrder: string[];
}

describe('javaStringHashCode', () => {
  it.each([
    ['', 0],
    ['hello', 99162322],
    ['Aa', 2112],
    ['BB', 2112],
    ['system', -887328209],
  ])('hash of %j is %d', (s, h) => {
    expect(javaStringHashCode(s)).toBe(h);
  });
});

describe('Scala 2.12 map iteration orders', () => {
  const cases = reference as unknown as OrderCase[];

  it('keeps insertion order up to four keys for immutable maps', () => {
    expect(scalaImmutableMapOrder(['d', 'c', 'b', 'a'])).toEqual(['d', 'c', 'b', 'a']);
    expect(scalaImmutableMapOrder(['x', 'x', 'y'])).toEqual(['x', 'y']);
  });

  it('matches Scala groupBy order on 300 generated cases', () => {
    expect(cases.length).toBe(300);
    const wrong = cases.filter(
      (c) => JSON.stringify(scalaGroupByOrder(c.encounter)) !== JSON.stringify(c.groupByOrder),
    );
    expect(wrong).toEqual([]);
  });

  it('matches Scala toMap order on the same 300 cases', () => {
    const wrong = cases.filter(
      (c) => JSON.stringify(scalaImmutableMapOrder(c.weightKeys)) !== JSON.stringify(c.toMapOrder),
    );
    expect(wrong).toEqual([]);
  });
});
