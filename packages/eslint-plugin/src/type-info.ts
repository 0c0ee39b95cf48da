import type { Rule } from 'eslint';
import type { Node } from 'estree';

interface TsType {
  getProperty(name: string): unknown;
  isUnion(): boolean;
  types?: TsType[];
}
interface TypeServices {
  program: { getTypeChecker(): { getTypeAtLocation(node: unknown): TsType } };
  esTreeNodeToTSNodeMap: { get(node: Node): unknown };
}

/**
 * The TypeScript type services when the file was parsed with type information
 * (`configs['recommended-type-checked']`), else undefined: rules then fall back to syntax.
 * Only the checker is used, so `typescript` is never imported here.
 *
 * @example
 * ```ts
 * const types = typeServices(context);
 * if (types && isThenable(types, node)) report();
 * ```
 */
export function typeServices(context: Rule.RuleContext): TypeServices | undefined {
  const services = context.sourceCode.parserServices as Partial<TypeServices> | undefined;
  return services?.program && services.esTreeNodeToTSNodeMap ? (services as TypeServices) : undefined;
}

/**
 * True when the expression's type has a `then` method (a promise or any thenable), or is a union
 * containing one.
 *
 * @example
 * ```ts
 * isThenable(types, statement.expression); // true for an un-awaited call to an async function
 * ```
 */
export function isThenable(services: TypeServices, node: Node): boolean {
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  if (!tsNode) return false;
  const type = services.program.getTypeChecker().getTypeAtLocation(tsNode);
  const parts = type.isUnion() && type.types ? type.types : [type];
  return parts.some((t) => t.getProperty('then') !== undefined);
}
