/**
 * Orca-style `${…}` expression templating over a stage context, with test doubles for the SpEL functions the
 * Canary Judge stage uses: `#toJson(x)`, `#readJson(text)`, `#currentStage()`, `#currentUser()`.
 *
 * Only a small expression language is understood: property paths (`execution.id`, `a['b']`, `a[0]`), single-quoted
 * string literals and those four functions, chained with `.name`. Anything else is "unresolved" and, like kork's
 * `ExpressionTransform`, left in place as raw text (`docs/design/orca-webhook-contract.md` §2.2).
 */

/** The values an expression can see: the stage context keys, `execution`, `trigger`, plus function doubles. */
export interface TemplateScope {
  /** The evaluation root (`{...context, execution, trigger}`). */
  root: Record<string, unknown>;
  /** What `#currentStage()` returns (id, startTime, name, type, refId, context…). */
  currentStage: Record<string, unknown>;
  /** What `#currentUser()` returns (a user name; Orca gives "anonymous" without auth). */
  currentUser: string;
}

/** One `${…}` that did not resolve: its source text and why (like Orca's `expressionEvaluationSummary`). */
export interface UnresolvedExpression {
  expression: string;
  reason: string;
}

class Unresolved extends Error {}

/**
 * Evaluates every `${…}` inside every string of `value` (recursively through objects and arrays), returning a new
 * value. A string that is exactly one expression becomes the expression's typed value (number, object…); otherwise
 * the results are spliced into the text. Unresolvable expressions stay as raw `${…}` text and are reported via
 * `unresolved`.
 *
 * Edge cases: `${` without a closing `}` is left as is; object keys are not evaluated; `null`/`undefined` results
 * splice as the text `null`.
 * Reference: `CORE/pipeline/util/ContextParameterProcessor.java`, kork `ExpressionTransform`
 * (`docs/design/orca-webhook-contract.md` §2.2).
 */
export function evaluateTemplates(
  value: unknown,
  scope: TemplateScope,
  unresolved: UnresolvedExpression[] = [],
): unknown {
  if (typeof value === 'string') return evaluateString(value, scope, unresolved);
  if (Array.isArray(value)) return value.map((item) => evaluateTemplates(item, scope, unresolved));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = evaluateTemplates(item, scope, unresolved);
    return out;
  }
  return value;
}

/** Finds the `${…}` spans of `text` (brace depth and single-quoted strings respected). */
function findSpans(text: string): { start: number; end: number; expr: string }[] {
  const spans: { start: number; end: number; expr: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    let depth = 1;
    let j = start + 2;
    let quoted = false;
    for (; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (c === "'") quoted = !quoted;
      else if (!quoted && c === '{') depth++;
      else if (!quoted && c === '}') depth--;
    }
    if (depth !== 0) break;
    spans.push({ start, end: j, expr: text.slice(start + 2, j - 1) });
    i = j;
  }
  return spans;
}

function evaluateString(text: string, scope: TemplateScope, unresolved: UnresolvedExpression[]): unknown {
  const spans = findSpans(text);
  if (spans.length === 0) return text;
  const only = spans[0];
  if (spans.length === 1 && only !== undefined && only.start === 0 && only.end === text.length) {
    try {
      return evaluateExpression(only.expr, scope);
    } catch (error) {
      unresolved.push({ expression: text, reason: (error as Error).message });
      return text;
    }
  }
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start);
    try {
      out += stringify(evaluateExpression(span.expr, scope));
    } catch (error) {
      unresolved.push({ expression: text.slice(span.start, span.end), reason: (error as Error).message });
      out += text.slice(span.start, span.end);
    }
    last = span.end;
  }
  return out + text.slice(last);
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A tiny recursive-descent evaluator for the supported subset. */
function evaluateExpression(source: string, scope: TemplateScope): unknown {
  const parser = new Parser(source.trim(), scope);
  const value = parser.expression();
  parser.expectEnd();
  return value;
}

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly scope: TemplateScope,
  ) {}

  expectEnd(): void {
    this.skip();
    if (this.i !== this.s.length) throw new Unresolved(`unexpected '${this.s.slice(this.i)}'`);
  }

  expression(): unknown {
    this.skip();
    let value = this.primary();
    for (;;) {
      this.skip();
      const c = this.s[this.i];
      if (c === '.') {
        this.i++;
        value = this.member(value, this.identifier());
      } else if (c === '[') {
        this.i++;
        this.skip();
        const key = this.s[this.i] === "'" ? this.stringLiteral() : this.number();
        this.skip();
        if (this.s[this.i] !== ']') throw new Unresolved('expected ]');
        this.i++;
        value = this.member(value, key);
      } else return value;
    }
  }

  private primary(): unknown {
    const c = this.s[this.i];
    if (c === "'") return this.stringLiteral();
    if (c === '#') {
      this.i++;
      const name = this.identifier();
      this.skip();
      if (this.s[this.i] !== '(') throw new Unresolved(`#${name} is not a function call`);
      this.i++;
      const args: unknown[] = [];
      this.skip();
      while (this.s[this.i] !== ')') {
        args.push(this.expression());
        this.skip();
        if (this.s[this.i] === ',') this.i++;
        else if (this.s[this.i] !== ')') throw new Unresolved('expected , or )');
      }
      this.i++;
      return this.call(name, args);
    }
    const name = this.identifier();
    if (!Object.prototype.hasOwnProperty.call(this.scope.root, name)) throw new Unresolved(`${name} not found`);
    return this.scope.root[name];
  }

  private call(name: string, args: unknown[]): unknown {
    switch (name) {
      case 'toJson':
        if (args.length !== 1) throw new Unresolved('#toJson takes one argument');
        return JSON.stringify(args[0] ?? null);
      case 'readJson':
        if (args.length !== 1 || typeof args[0] !== 'string') throw new Unresolved('#readJson takes one string');
        try {
          return JSON.parse(args[0]) as unknown;
        } catch (error) {
          throw new Unresolved(`#readJson: ${(error as Error).message}`);
        }
      case 'currentStage':
        return this.scope.currentStage;
      case 'currentUser':
        return this.scope.currentUser;
      default:
        throw new Unresolved(`unknown function #${name}`);
    }
  }

  private member(target: unknown, key: string | number): unknown {
    if (target === null || typeof target !== 'object') throw new Unresolved(`cannot read ${key} of ${target}`);
    const record = target as Record<string | number, unknown>;
    if (!Object.prototype.hasOwnProperty.call(record, key)) throw new Unresolved(`property ${key} not found`);
    return record[key];
  }

  private identifier(): string {
    this.skip();
    const m = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i));
    if (m === null) throw new Unresolved(`expected a name at '${this.s.slice(this.i)}'`);
    this.i += m[0].length;
    return m[0];
  }

  private number(): number {
    const m = /^\d+/.exec(this.s.slice(this.i));
    if (m === null) throw new Unresolved('expected an index');
    this.i += m[0].length;
    return Number(m[0]);
  }

  private stringLiteral(): string {
    const end = this.s.indexOf("'", this.i + 1);
    if (end < 0) throw new Unresolved('unterminated string');
    const value = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return value;
  }

  private skip(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}
