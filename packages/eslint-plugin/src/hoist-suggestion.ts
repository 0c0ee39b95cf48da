import type { Rule, SourceCode } from 'eslint';
import type { Node } from 'estree';
import { findVariable, isModuleScope } from './lifetime.js';
import { walk } from './walk.js';

/**
 * An ESLint suggestion that moves `const x = create(...)` from a handler to module scope (just
 * before the statement that holds the handler), or undefined when that would change behaviour:
 * the declaration is not a direct statement of the function body, its initializer awaits or uses
 * anything local (the event, another local), the name is taken at module scope, or the code calls
 * `x.connect()` (which must run once, not per invocation, once the value is shared).
 *
 * @example
 * ```ts
 * const suggest = hoistSuggestion(context.sourceCode, createCall, 'moveOutside');
 * context.report({ node, messageId, ...(suggest ? { suggest: [suggest] } : {}) });
 * ```
 */
export function hoistSuggestion(sourceCode: SourceCode, created: Rule.Node, messageId: string): Rule.SuggestionReportDescriptor | undefined {
  const declarator = created.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== created || declarator.id.type !== 'Identifier') return undefined;
  const declaration = declarator.parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1 || (declaration.kind !== 'const' && declaration.kind !== 'let')) return undefined;
  const body = declaration.parent;
  if (body?.type !== 'BlockStatement' || !body.parent || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(body.parent.type)) return undefined;
  const name = declarator.id.name;
  let top: Rule.Node = declaration;
  while (top.parent && top.parent.type !== 'Program') top = top.parent;
  const moduleScope = top.parent ? sourceCode.scopeManager.acquire(top.parent, true) : null;
  if (!moduleScope || findVariable(moduleScope, name)) return undefined;
  let local = false;
  walk(created, sourceCode.visitorKeys, (n: Node) => {
    if (local) return false;
    if (n.type === 'AwaitExpression' || n.type === 'ThisExpression') local = true;
    if (n.type !== 'Identifier') return;
    const p = (n as Rule.Node).parent;
    if ((p?.type === 'MemberExpression' && p.property === n && !p.computed) || (p?.type === 'Property' && p.key === n && !p.computed)) return;
    const variable = findVariable(sourceCode.getScope(n), n.name);
    if (variable && variable.defs.length > 0 && !isModuleScope(variable.scope)) local = true;
  });
  if (local) return undefined;
  const variable = sourceCode.getDeclaredVariables(declarator).find((v) => v.name === name);
  const connects = variable?.references.some((r) => {
    const p = (r.identifier as Rule.Node).parent;
    return p?.type === 'MemberExpression' && p.property.type === 'Identifier' && p.property.name === 'connect';
  });
  if (connects) return undefined;
  const text = sourceCode.getText(declaration);
  const [start, end] = declaration.range as [number, number];
  const lineStart = sourceCode.text.lastIndexOf('\n', start - 1) + 1;
  const onlyIndent = sourceCode.text.slice(lineStart, start).trim() === '';
  const removeFrom = onlyIndent ? lineStart : start;
  const removeTo = onlyIndent && sourceCode.text[end] === '\n' ? end + 1 : end;
  return {
    messageId,
    fix: (fixer) => [fixer.insertTextBefore(top, `${text}\n\n`), fixer.removeRange([removeFrom, removeTo])],
  };
}
