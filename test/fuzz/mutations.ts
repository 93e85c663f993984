/**
 * Malformed and mutated HTTP requests for fuzzing the judge service (fast-check arbitraries, sampled with a fixed
 * seed so a failure is reproducible): wrong types at any path of a valid body, huge and non-finite numbers, deep
 * nesting, unknown fields, `${…}` expressions, odd judgment keys, raw bytes and invalid UTF-8, truncated JSON,
 * wrong methods and content types, query strings.
 */
import fc from 'fast-check';

/** One request as `fastify.inject` takes it. */
export interface FuzzRequest {
  /** Family of the mutation (for the failure report). */
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (list of keys/indices) to a value inside `doc`, root excluded. */
export function paths(doc: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  if (Array.isArray(doc)) {
    doc.forEach((v, i) => {
      out.push([...prefix, i]);
      paths(v, [...prefix, i], out);
    });
  } else if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  }
  return out;
}

/** A deep copy of `doc` with the value at `path` replaced (or deleted when `value` is undefined). */
export function setAt(doc: Json, path: Array<string | number>, value: Json | undefined): Json {
  const copy = structuredClone(doc) as Json;
  let node: Json | undefined = copy;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return copy; // an earlier mutation replaced the parent
    node = (node as Record<string | number, Json>)[seg];
  }
  if (node === null || node === undefined || typeof node !== 'object') return copy;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete (node as Record<string, Json>)[last];
  } else {
    (node as Record<string | number, Json>)[last] = value;
  }
  return copy;
}

/** Values that replace a field: wrong types, extremes, expressions, odd strings. */
export const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    5e-324,
    '',
    ' ',
    '${#stage("x").context}',
    '${ 1 + 1 }',
    'NaN',
    'Infinity',
    '-Infinity',
    '\u0000',
    '\ud800',
    'x'.repeat(5000),
    [],
    {},
    [null],
    { $ref: '#' },
    { __proto__: { polluted: true } } as unknown as Json,
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Judgment keys that are wrong, odd or hostile (URL-encoded into the path). */
export const oddKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '.',
    '..',
    '../../etc/passwd',
    'a/b',
    '%2e%2e',
    '${key}',
    'k'.repeat(5000),
    ' ',
    'ключ',
    '\u0000',
    'a\nb',
    '<script>',
    "'; DROP TABLE judgments; --",
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,300}$/),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/json; charset=latin1',
  '',
];

/** Raw bodies that are not JSON, broken JSON, invalid UTF-8, deep nesting or non-finite literals. */
export function rawBody(valid: string): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    fc.constantFrom<string | Buffer>(
      '',
      'null',
      '[]',
      '"text"',
      '{',
      '{"a":NaN}',
      '{"thresholds":{"pass":Infinity,"marginal":-Infinity}}',
      '{"a":1e999}',
      '\ufeff{}',
      Buffer.from([0xff, 0xfe, 0xfd, 0x7b, 0x7d]),
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
      Buffer.from([0xed, 0xa0, 0x80]),
      '['.repeat(20_000) + ']'.repeat(20_000),
      '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
    ),
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.nat({ max: 20_000 }).map((depth) => valid.replace(/\}$/, `,"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
  );
}

/**
 * Body mutations of a valid JSON document: replace a value, delete a field, add an unknown field, or insert `${…}`.
 */
export function mutatedBody(valid: Json): fc.Arbitrary<Json> {
  const all = paths(valid);
  const isObject = (p: Array<string | number>) => {
    let v: Json | undefined = valid;
    for (const seg of p) v = (v as Record<string | number, Json>)[seg];
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  };
  const objects: Array<Array<string | number>> = [[], ...all.filter(isObject)];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...all), weirdValue).map(([p, v]) => setAt(valid, p, v)),
    fc.constantFrom(...all).map((p) => setAt(valid, p, undefined)),
    fc
      .tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 20 }), weirdValue)
      .map(([p, k, v]) => setAt(valid, [...p, `x-${k}`], v)),
    fc
      .tuple(fc.constantFrom(...all), fc.constantFrom(...all), weirdValue, weirdValue)
      .map(([p, q, v, w]) => setAt(setAt(valid, p, v), q, w)),
  );
}

/** A valid document with deep nesting (arrays or objects, up to 300,000 levels) at a random path, as JSON text. */
export function deepBody(valid: Json): fc.Arbitrary<string> {
  const spots: Array<Array<string | number>> = [[], ...paths(valid)];
  return fc
    .record({
      p: fc.constantFrom(...spots),
      depth: fc.constantFrom(100, 1000, 10_000, 100_000, 300_000),
      objects: fc.boolean(),
    })
    .map(({ p, depth, objects }) => {
      const deep = objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);
      const text = JSON.stringify(
        p.length === 0 ? { ...(valid as object), deep: '__DEEP__' } : setAt(valid, p, '__DEEP__'),
      );
      return text.replace('"__DEEP__"', deep);
    });
}

/** A fuzz request against `method url` built from a valid body (mutated, raw, or with a wrong content type). */
export function bodyRequests(kind: string, method: string, url: fc.Arbitrary<string>, valid: Json) {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.record({ u: url, body: mutatedBody(valid) }).map(({ u, body }): FuzzRequest => ({
      kind: `${kind}:mutated`,
      method,
      url: u,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    })),
    fc
      .record({ u: url, body: rawBody(text), ct: fc.constantFrom(...CONTENT_TYPES) })
      .map(({ u, body, ct }): FuzzRequest => ({
        kind: `${kind}:raw`,
        method,
        url: u,
        headers: ct === '' ? {} : { 'content-type': ct },
        payload: body,
      })),
    fc.record({ u: url, body: deepBody(valid) }).map(({ u, body }): FuzzRequest => ({
      kind: `${kind}:deep`,
      method,
      url: u,
      headers: { 'content-type': 'application/json' },
      payload: body,
    })),
    fc.record({ u: url, ct: fc.constantFrom(...CONTENT_TYPES) }).map(({ u, ct }): FuzzRequest => ({
      kind: `${kind}:content-type`,
      method,
      url: u,
      headers: ct === '' ? {} : { 'content-type': ct },
      payload: text,
    })),
  );
}

/** `encodeURIComponent`, or the raw percent-encoded UTF-8 bytes of a string it refuses (lone surrogates). */
export function encodeKey(key: string): string {
  try {
    return encodeURIComponent(key);
  } catch {
    return [...Buffer.from(key, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Judgment-key path segments: odd keys encoded, plus malformed percent-encodings and invalid UTF-8 bytes. */
export const oddKeySegment: fc.Arbitrary<string> = fc.oneof(
  oddKey.map(encodeKey),
  fc.constantFrom('%', '%zz', '%ff%fe', '%c3%28', '%ed%a0%80', '%00', 'k1%2Fcancel', 'k1?x=1', 'k1#frag'),
);

/** Requests with wrong methods, unknown paths or odd query strings on every route. */
export const strayRequests: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: fc.constantFrom(
      '/v1/judgments',
      '/v1/judgments/k1',
      '/v1/judgments/k1/cancel',
      '/v1/judgments/k1/report',
      '/judge',
      '/healthz',
      '/readyz',
      '/metrics',
      '/',
      '/v1',
      '/v2/judgments/k1',
      '/v1/judgments/k1/report/extra',
      '//v1//judgments',
    ),
    query: fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 50 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
      fc.constant('?a=1&a=2&a[b]=3&__proto__=x'),
      fc.constant(`?x=${'y'.repeat(8000)}`),
    ),
    body: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
  })
  .map(({ method, path, query, body }): FuzzRequest => ({
    kind: 'stray',
    method,
    url: path + query,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : { payload: JSON.stringify(body) }),
  }));
