import type { Rule, Scope, SourceCode } from 'eslint';
import type { Node } from 'estree';
import { unwrapTs } from './import-bindings.js';

/** How a value created in a function ends its life. */
export interface Lifetime {
  /** the local variable that holds it (undefined when the value is not stored) */
  variable: Scope.Variable | undefined;
  /** held by a module-scope (or other outer) variable: reused across invocations, not a per-invocation resource */
  outer: boolean;
  /** `finally`: released on every path (finally block, `.finally()`, `using`); `somewhere`: only on some paths */
  released: 'finally' | 'somewhere' | 'never';
  /** returned or stored elsewhere: its owner is someone else */
  escapes: boolean;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * The node that stands for the value of `node` once awaits, TypeScript wrappers and parentheses
 * are peeled off upwards: for `const c = await mysql.createConnection()` that is the `await`.
 *
 * @example
 * ```ts
 * holder(callNode).parent.type; // 'VariableDeclarator'
 * ```
 */
export function holder(node: Rule.Node): Rule.Node {
  let n = node;
  while (n.parent && ['AwaitExpression', 'LogicalExpression', 'ConditionalExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ChainExpression'].includes(n.parent.type)) n = n.parent;
  return n;
}

/**
 * Follows the value a call or `new` creates: which variable holds it, whether it is released on
 * every path with one of `releaseMethods`, and whether it escapes the function.
 *
 * @example
 * ```ts
 * const life = lifetime(context.sourceCode, createCall, new Set(['end', 'destroy']));
 * if (!life.outer && !life.escapes && life.released !== 'finally') context.report(...);
 * ```
 */
export function lifetime(sourceCode: SourceCode, created: Rule.Node, releaseMethods: ReadonlySet<string>): Lifetime {
  const top = holder(created);
  const parent = top.parent;
  let variable: Scope.Variable | undefined;
  let usingDeclaration = false;
  if (parent?.type === 'VariableDeclarator' && parent.init === top && parent.id.type === 'Identifier') {
    variable = sourceCode.getDeclaredVariables(parent).find((v) => v.name === (parent.id as { name: string }).name);
    const kind = (parent.parent as { kind?: string }).kind;
    usingDeclaration = kind === 'using' || kind === 'await using';
  } else if (parent?.type === 'AssignmentExpression' && parent.right === top && parent.left.type === 'Identifier') {
    variable = findVariable(sourceCode.getScope(parent), parent.left.name);
  } else if (parent?.type === 'AssignmentExpression' && parent.right === top) {
    return { variable: undefined, outer: true, released: 'never', escapes: true };
  } else if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === top)) {
    return { variable: undefined, outer: false, released: 'never', escapes: true };
  }
  if (usingDeclaration) return { variable, outer: false, released: 'finally', escapes: false };
  if (!variable) {
    // not stored: released only when a release method is called on the expression itself
    const member = top.parent;
    const released = member?.type === 'MemberExpression' && member.property.type === 'Identifier' && releaseMethods.has(member.property.name) ? 'somewhere' : 'never';
    return { variable, outer: false, released, escapes: false };
  }
  const home = variableFunction(variable);
  const createdIn = functionOf(created);
  if (home !== createdIn && !isInside(createdIn, home)) return { variable, outer: true, released: 'never', escapes: false };
  if (isModuleScope(variable.scope)) return { variable, outer: true, released: 'never', escapes: false };
  let released: Lifetime['released'] = 'never';
  let escapes = false;
  for (const ref of variable.references) {
    const id = ref.identifier as Rule.Node;
    const p = id.parent;
    if (!p) continue;
    if (p.type === 'MemberExpression' && p.object === id && p.property.type === 'Identifier' && releaseMethods.has(p.property.name) && p.parent?.type === 'CallExpression') {
      const onEveryPath = inFinally(p.parent, home);
      if (onEveryPath) released = 'finally';
      else if (released === 'never') released = 'somewhere';
    } else if (p.type === 'CallExpression' && p.arguments.includes(id as never) && inFinally(p, home)) {
      released = 'finally'; // handed to a helper in finally: closeQuietly(connection)
    } else if (p.type === 'ReturnStatement' || (p.type === 'ArrowFunctionExpression' && p.body === id)) {
      escapes = true;
    } else if (p.type === 'AssignmentExpression' && p.right === id) {
      escapes = true;
    } else if (p.type === 'Property' && p.value === id && p.parent?.parent?.type === 'ReturnStatement') {
      escapes = true;
    }
  }
  return { variable, outer: false, released, escapes };
}

/**
 * True for a scope that lives as long as the module: ESM module scope, the global scope, and the
 * function scope ESLint gives a CommonJS file (whose block is the Program).
 *
 * @example
 * ```ts
 * isModuleScope(variable.scope); // true for `const cache = new Map()` at the top of a file
 * ```
 */
export function isModuleScope(scope: Scope.Scope): boolean {
  return scope.type === 'module' || scope.type === 'global' || (scope.type === 'function' && scope.block.type === 'Program');
}

/**
 * True when `node` runs on every path out of `stopAt`: inside a `finally` block or a `.finally()` callback.
 *
 * @example
 * ```ts
 * inFinally(endCall, handlerFunction); // true for `try { … } finally { c.end(); }`
 * ```
 */
export function inFinally(node: Rule.Node, stopAt: Node | undefined): boolean {
  for (let n: Rule.Node | null = node; n && n !== stopAt; n = n.parent) {
    const p: Rule.Node | null = n.parent;
    if (p?.type === 'TryStatement' && p.finalizer === n) return true;
    if (FUNCTION_TYPES.has(n.type) && p?.type === 'CallExpression' && p.callee.type === 'MemberExpression' && p.callee.property.type === 'Identifier' && p.callee.property.name === 'finally') return true;
  }
  return false;
}

/**
 * Looks a name up from a scope outwards.
 *
 * @example
 * ```ts
 * findVariable(sourceCode.getScope(node), 'cache')?.scope.type; // 'module'
 * ```
 */
export function findVariable(scope: Scope.Scope | null, name: string): Scope.Variable | undefined {
  for (let s = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * The variable an identifier refers to, through ESLint's scope analysis.
 *
 * @example
 * ```ts
 * resolveIdentifier(context.sourceCode, callee.object)?.defs[0]?.node; // its declarator
 * ```
 */
export function resolveIdentifier(sourceCode: SourceCode, id: Node): Scope.Variable | undefined {
  const e = unwrapTs(id);
  if (e.type !== 'Identifier') return undefined;
  return findVariable(sourceCode.getScope(e), e.name);
}

function variableFunction(variable: Scope.Variable): Node | undefined {
  let scope: Scope.Scope | null = variable.scope;
  while (scope && scope.type !== 'function' && scope.type !== 'module' && scope.type !== 'global') scope = scope.upper;
  return scope && scope.type === 'function' ? scope.block : undefined;
}

function functionOf(node: Rule.Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.has(n.type)) return n;
  return undefined;
}

function isInside(inner: Node | undefined, outer: Node | undefined): boolean {
  if (!inner || !outer) return false;
  for (let n = (inner as Rule.Node).parent; n; n = n.parent) if (n === outer) return true;
  return false;
}
