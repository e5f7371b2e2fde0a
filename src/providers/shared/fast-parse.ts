/**
 * fastParse: the same zod schema, parsed faster on the hot path of a list walk (issue 12 item 2).
 */
import * as z from "zod";

/**
 * fastParse(schema) returns the schema itself, its `parse` and `safeParse` first trying a plain
 * function compiled from the schema's own definition. `list --all` over 10,000 tickets spent more
 * in zod's parse than in JSON.parse (a run meets each schema cold, and zod keeps a payload, an
 * issue list and a result per field); the compiled function walks the value once.
 *
 * The schema stays the single definition and the answer is zod's: each compiled node says either
 * "zod accepts this, and returns exactly this value" or FAIL, and FAIL is returned only where zod
 * itself rejects (any issue fails a parse). On FAIL the call goes to zod, which throws its own
 * ZodError (or, were it to accept, returns its own value). Transforms and checks are the schema's
 * own functions, called as zod calls them. A node of a kind not written out here (records, enums,
 * literals, defaults, catchall objects...) is parsed by zod itself (that node only), so nothing a
 * schema can say is ever read differently. JSON answers hold no shared references, so zod's cycle
 * memoizer changes nothing for them.
 */
const FAIL: unique symbol = Symbol("fail");
type Fast = (value: unknown) => unknown;

/** The zod internals read here (zod v4 core: `_zod.def`, `optin`/`optout`, checks). */
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: CheckInst[] };
  optin?: "optional" | "defaulted";
  optout?: "optional";
}
interface CheckInst {
  _zod: { def: { when?: (payload: Payload) => boolean }; check: (payload: Payload) => unknown };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}
type Node = { _zod: Internals };

/** What zod hands a transform (ctx.value, ctx.issues, ctx.addIssue); an issue added is a failed parse. Issues are made on demand. */
class TransformPayload {
  private list: unknown[] | undefined;
  constructor(public value: unknown) {}
  get issues(): unknown[] {
    return (this.list ??= []);
  }
  addIssue(issue: unknown): void {
    this.issues.push(issue);
  }
  failed(): boolean {
    return this.list !== undefined && this.list.length > 0;
  }
}

const compiled = new WeakMap<object, Fast>();

/** Zod on this node only: its value, or FAIL when it has any issue. */
function byZod(node: Node): Fast {
  const schema = node as unknown as z.ZodType;
  return (value) => {
    const r = schema.safeParse(value);
    return r.success ? r.data : FAIL;
  };
}

/** The node's checks (refinements, .regex(), .min(), .trim()...), run as zod runs them once its type matched. */
function withChecks(node: Node, fast: Fast): Fast {
  const checks = node._zod.def.checks;
  if (!checks || checks.length === 0) return fast;
  return (value) => {
    const out = fast(value);
    if (out === FAIL) return FAIL;
    const payload: Payload = { value: out, issues: [] };
    for (const ch of checks) {
      const when = ch._zod.def.when;
      if (when && !when(payload)) continue;
      if (ch._zod.check(payload) instanceof Promise) return FAIL; // async: zod decides
      if (payload.issues.length > 0) return FAIL;
    }
    return payload.value;
  };
}

function compile(node: Node): Fast {
  const known = compiled.get(node);
  if (known) return known;
  // A recursive schema reaches itself while compiling: that call goes through the table.
  let self: Fast = byZod(node);
  compiled.set(node, (v) => self(v));
  self = withChecks(node, compileNode(node));
  compiled.set(node, self);
  return self;
}

function compileNode(node: Node): Fast {
  const def = node._zod.def;
  if (def["coerce"]) return byZod(node);
  switch (def.type) {
    case "string":
      return (v) => (typeof v === "string" ? v : FAIL);
    case "number":
      return (v) => (typeof v === "number" && Number.isFinite(v) ? v : FAIL);
    case "boolean":
      return (v) => (typeof v === "boolean" ? v : FAIL);
    case "unknown":
    case "any":
      return (v) => v;
    case "nullable": {
      const inner = compile(def["innerType"] as Node);
      return (v) => (v === null ? null : inner(v));
    }
    case "optional": {
      const innerNode = def["innerType"] as Node;
      if (innerNode._zod.optin === "defaulted") return byZod(node);
      const inner = compile(innerNode);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case "pipe": {
      const a = compile(def["in"] as Node);
      const b = compile(def["out"] as Node);
      return (v) => {
        const mid = a(v);
        return mid === FAIL ? FAIL : b(mid);
      };
    }
    case "transform": {
      const fn = def["transform"] as (value: unknown, payload: TransformPayload) => unknown;
      // A transform that cannot see zod's payload (one parameter, no `arguments`) cannot add an
      // issue either: it is called without one, which spares an object per field.
      if (fn.length <= 1 && !/\barguments\b/.test(Function.prototype.toString.call(fn))) {
        return (v) => {
          const out = fn(v, undefined as unknown as TransformPayload);
          return out instanceof Promise ? FAIL : out;
        };
      }
      return (v) => {
        const payload = new TransformPayload(v);
        const out = fn(v, payload);
        if (out instanceof Promise) return FAIL;
        return payload.failed() ? FAIL : out;
      };
    }
    case "union": {
      // zod's union: the first option with no issue gives the value.
      if (def["inclusive"] === false || def["discriminator"] !== undefined) return byZod(node);
      const options = (def["options"] as Node[]).map(compile);
      return (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case "catch": {
      // A failing inner value is replaced by the schema's catch value, computed by zod.
      const inner = compile(def["innerType"] as Node);
      const zod = byZod(node);
      return (v) => {
        const out = inner(v);
        return out === FAIL ? zod(v) : out;
      };
    }
    case "array": {
      const element = compile(def["element"] as Node);
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = element(v[i]);
          if (item === FAIL) return FAIL;
          out[i] = item;
        }
        return out;
      };
    }
    case "object":
      return compileObject(node);
    default:
      return byZod(node);
  }
}

/** zod's $ZodObject (strip mode): the shape's keys in order, a missing key as its optin/optout say. */
function compileObject(node: Node): Fast {
  const def = node._zod.def;
  if (def["catchall"] !== undefined) return byZod(node);
  const shape = def["shape"] as Record<string, Node>;
  if (Object.getOwnPropertySymbols(shape).length > 0) return byZod(node);
  const fields = Object.keys(shape)
    .filter((key) => key !== "__proto__")
    .map((key) => {
      const el = shape[key]!;
      return { key, fast: compile(el), optin: el._zod.optin, optout: el._zod.optout };
    });
  // The first objects go through objectLoop: code compiled from text is compiled on every run (a
  // code cache never holds it), which costs more than it saves on a short list (`list --json`, 30
  // tickets: 2-3 ms). A long walk gets the compiled builder from its COMPILE_AFTER-th object on.
  const loop = objectLoop(fields);
  let built: Fast | undefined;
  let seen = 0;
  return (v) => {
    if (built !== undefined) return built(v);
    if (++seen <= COMPILE_AFTER) return loop(v);
    built = objectBuilder(fields) ?? loop;
    return built(v);
  };
}

/** Objects of one schema parsed by objectLoop before objectBuilder's code is compiled. */
export const COMPILE_AFTER = 64;

interface Field {
  key: string;
  fast: Fast;
  optin: "optional" | "defaulted" | undefined;
  optout: "optional" | undefined;
}

/**
 * zod's handlePropertyResult for one field, as code with the field's key and optin/optout written
 * in. Each field's outcome goes to a local (v0, v1...) with whether zod would set the key (s0,
 * s1...); when every key is set (the usual case: nullable fields come out null) the object is
 * built by one literal with the keys in the shape's order, as zod adds them. A literal is one
 * allocation of a fast object; keys added one by one grow its property store again and again (on
 * a 30-field row about four times the object's size in garbage, 10,000 rows in a list walk), and
 * under computed names make an object of 30 to 50 keys a dictionary, larger and slower to print.
 * Otherwise the keys that are set are added in order. Null where the engine refuses to compile
 * code from text; objectLoop does the same then.
 */
function objectBuilder(fields: Field[]): Fast | null {
  const lines = fields.map(({ key, optin, optout }, i) => {
    const k = JSON.stringify(key);
    const optionalOut = optout === "optional";
    const set = (value: string) => `{ v${i} = ${value}; s${i} = true; }`;
    const out = [`let v${i} = F[${i}](input[${k}]), s${i} = false;`, `p = ${k} in input;`];
    if (optionalOut && optin === "optional") out.push(`if (!p) {} else`);
    out.push(`if (v${i} === FAIL) { ${optin !== undefined && optionalOut ? "if (p) return FAIL;" : "return FAIL;"} }`);
    if (optin === undefined) out.push(`else if (!p) return FAIL;`);
    out.push(`else if (v${i} === undefined) { ${optin === "defaulted" && !optionalOut ? set("undefined") : `if (p) ${set("undefined")}`} }`);
    out.push(`else s${i} = true;`);
    return out.join("\n");
  });
  const keys = fields.map(({ key }) => JSON.stringify(key));
  const all = fields.length === 0 ? "true" : fields.map((_, i) => `s${i}`).join(" && ");
  const body = [
    "return function (input) {",
    'if (typeof input !== "object" || input === null || Array.isArray(input)) return FAIL;',
    "let p;",
    ...lines,
    `if (${all}) return { ${keys.map((k, i) => `${k}: v${i}`).join(", ")} };`,
    // Some keys stay unset: one literal per set of keys met (a handful in practice: which optional
    // fields a vendor leaves out), made on first sight.
    `const shape = ${maskOf(fields.length)};`,
    "let make = SHAPES.get(shape);",
    `if (make === undefined && SHAPES.size < MAX_SHAPES) SHAPES.set(shape, (make = literalFor([${fields.map((_, i) => `s${i}`).join(", ")}])));`,
    `if (make !== undefined) return make(${fields.map((_, i) => `v${i}`).join(", ")});`,
    "const out = {};",
    ...keys.map((k, i) => `if (s${i}) out[${k}] = v${i};`),
    "return out;",
    "};",
  ].join("\n");
  const literalFor = (set: boolean[]) => new Function(...fields.map((_, i) => `v${i}`), `return { ${keys.flatMap((k, i) => (set[i] ? [`${k}: v${i}`] : [])).join(", ")} };`);
  try {
    return new Function("F", "FAIL", "SHAPES", "MAX_SHAPES", "literalFor", body)(
      fields.map((f) => f.fast),
      FAIL,
      new Map<unknown, unknown>(),
      MAX_SHAPES,
      literalFor,
    ) as Fast;
  } catch {
    return null;
  }
}

/** Literals made for one object schema at most (past them, keys are added one by one). */
const MAX_SHAPES = 64;

/** Code for a key naming which of n fields are set (s0, s1...): a number, or 30-bit numbers joined. */
function maskOf(n: number): string {
  const chunks: string[] = [];
  for (let from = 0; from < n || from === 0; from += 30) {
    const bits = [];
    for (let i = from; i < Math.min(n, from + 30); i++) bits.push(`(s${i} ? ${2 ** (i - from)} : 0)`);
    chunks.push(bits.length === 0 ? "0" : `(${bits.join(" | ")})`);
  }
  return chunks.length === 1 ? chunks[0]! : chunks.join(' + "," + ');
}

function objectLoop(fields: Field[]): Fast {
  return (v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return FAIL;
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, fast, optin, optout } of fields) {
      const value = fast(input[key]);
      const present = key in input;
      const optionalOut = optout === "optional";
      if (!present && optionalOut && optin === "optional") continue;
      if (value === FAIL) {
        if (optin !== undefined && optionalOut && !present) continue;
        return FAIL;
      }
      if (!present && optin === undefined) return FAIL;
      if (value === undefined) {
        if (present || (optin === "defaulted" && !optionalOut)) out[key] = undefined;
      } else out[key] = value;
    }
    return out;
  };
}

/** `schema`, its parse and safeParse tried through the compiled function first (see above). */
export function fastParse<S extends z.ZodType>(schema: S): S {
  let fast: Fast | undefined;
  const parse = schema.parse.bind(schema);
  const safeParse = schema.safeParse.bind(schema);
  const run = (data: unknown) => (fast ??= compile(schema as unknown as Node))(data);
  Object.assign(schema, {
    parse: (data: unknown, params?: Parameters<S["parse"]>[1]) => {
      const out = run(data);
      return out === FAIL ? parse(data, params) : out;
    },
    safeParse: (data: unknown, params?: Parameters<S["safeParse"]>[1]) => {
      const out = run(data);
      return out === FAIL ? safeParse(data, params) : { success: true, data: out };
    },
  });
  return schema;
}
