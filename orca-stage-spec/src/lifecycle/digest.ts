/**
 * The request digest behind idempotency (`docs/design/orca-webhook-contract.md` §6.2): a replayed PUT with the same
 * canonical request returns the stored judgment; the same key with a different digest is a 409.
 */
import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted, no whitespace; arrays keep their order; `undefined` members dropped.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  return `{${parts.join(',')}}`;
}

/** Hex SHA-256 of {@link canonicalJson}(value): equal for requests that differ only in key order or spacing. */
export function requestDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
