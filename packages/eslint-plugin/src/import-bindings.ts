import type { Expression, Node, Pattern, Program, Super } from 'estree';

/** A local name bound to a module: `imported` is '*' for the whole module (namespace, default, `require`). */
export interface ImportBinding {
  module: string;
  imported: string;
}

/** What an expression refers to in terms of modules: `mysql.createConnection` → `{ module: 'mysql', path: ['createConnection'] }`. */
export interface ModuleReference {
  module: string;
  path: string[];
}

const cache = new WeakMap<Program, Map<string, ImportBinding>>();

/**
 * The module bindings of a file: `import`s and top-level `require()`s (also `require('m').x` and
 * destructuring). `node:` prefixes are dropped, so `node:http` and `http` are the same module.
 *
 * @example
 * ```ts
 * importBindings(context.sourceCode.ast).get('mysql'); // { module: 'mysql', imported: '*' }
 * ```
 */
export function importBindings(program: Program): Map<string, ImportBinding> {
  const known = cache.get(program);
  if (known) return known;
  const map = new Map<string, ImportBinding>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const module = normalize(String(statement.source.value));
      for (const s of statement.specifiers) {
        if (s.type === 'ImportSpecifier') map.set(s.local.name, { module, imported: s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value) });
        else map.set(s.local.name, { module, imported: '*' });
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) if (d.init) bindRequire(d.id, d.init, map);
    }
  }
  cache.set(program, map);
  return map;
}

function bindRequire(id: Pattern, init: Expression, map: Map<string, ImportBinding>): void {
  let expr: Expression = init;
  const path: string[] = [];
  while (expr.type === 'MemberExpression' && !expr.computed && expr.property.type === 'Identifier') {
    path.unshift(expr.property.name);
    expr = expr.object as Expression;
  }
  if (expr.type === 'AwaitExpression' && expr.argument.type === 'ImportExpression') {
    const source = expr.argument.source;
    if (source.type !== 'Literal' || typeof source.value !== 'string') return;
    return bindPattern(id, normalize(source.value), path, map);
  }
  if (expr.type !== 'CallExpression' || expr.callee.type !== 'Identifier' || expr.callee.name !== 'require') return;
  const arg = expr.arguments[0];
  if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string') return;
  bindPattern(id, normalize(arg.value), path, map);
}

function bindPattern(id: Pattern, module: string, path: string[], map: Map<string, ImportBinding>): void {
  const head = path.filter((p) => p !== 'default');
  if (id.type === 'Identifier') {
    map.set(id.name, { module, imported: head[0] ?? '*' });
  } else if (id.type === 'ObjectPattern' && head.length === 0) {
    for (const p of id.properties) {
      if (p.type === 'Property' && p.key.type === 'Identifier' && p.value.type === 'Identifier') map.set(p.value.name, { module, imported: p.key.name });
    }
  }
}

function normalize(module: string): string {
  return module.startsWith('node:') ? module.slice(5) : module;
}

/**
 * Resolves an identifier or member chain to the module it comes from. `default` steps are
 * dropped (CommonJS interop makes `pg.default.Pool` and `pg.Pool` the same thing).
 *
 * @example
 * ```ts
 * moduleReference(callExpression.callee, importBindings(ast)); // { module: 'pg', path: ['Pool'] }
 * ```
 */
export function moduleReference(node: Expression | Super | Node, bindings: Map<string, ImportBinding>): ModuleReference | undefined {
  const path: string[] = [];
  let expr: Node = node;
  for (;;) {
    expr = unwrapTs(expr);
    if (expr.type === 'MemberExpression' && !expr.computed && expr.property.type === 'Identifier') {
      if (expr.property.name !== 'default') path.unshift(expr.property.name);
      expr = expr.object;
    } else break;
  }
  if (expr.type !== 'Identifier') return undefined;
  const binding = bindings.get(expr.name);
  if (!binding) return undefined;
  return { module: binding.module, path: binding.imported === '*' ? path : [binding.imported, ...path] };
}

/**
 * Strips TypeScript-only wrappers (`x as T`, `x!`, `x satisfies T`, `<T>x`).
 *
 * @example
 * ```ts
 * unwrapTs(init).type; // 'NewExpression' for `new Client() as Client`
 * ```
 */
export function unwrapTs(node: Node): Node {
  let n = node as Node & { expression?: Node };
  while ((n.type as string) === 'TSAsExpression' || (n.type as string) === 'TSNonNullExpression' || (n.type as string) === 'TSSatisfiesExpression' || (n.type as string) === 'TSTypeAssertion') {
    n = n.expression as Node & { expression?: Node };
  }
  return n;
}
