import type { Node } from 'estree';
import { unwrapTs } from './import-bindings.js';

/**
 * Whether an options argument sets one of `keys`: `'yes'`, `'no'`, or `'unknown'` when it is not
 * an object literal we can read (a variable, a spread) and the rule must give it the benefit of the doubt.
 *
 * @example
 * ```ts
 * optionKey(call.arguments[1], ['signal']); // 'no' for fetch(url, { method: 'POST' })
 * ```
 */
export function optionKey(node: Node | undefined, keys: readonly string[]): 'yes' | 'no' | 'unknown' {
  if (!node) return 'no';
  const n = unwrapTs(node);
  if (n.type !== 'ObjectExpression') return 'unknown';
  let spread = false;
  for (const p of n.properties) {
    if (p.type === 'SpreadElement') spread = true;
    else if (!p.computed && keyName(p.key) !== undefined && keys.includes(keyName(p.key) as string)) return 'yes';
    else if (p.computed) spread = true;
  }
  return spread ? 'unknown' : 'no';
}

/**
 * The value of property `key` in an object literal (undefined when absent or not a literal).
 *
 * @example
 * ```ts
 * optionValue(config, 'requestHandler'); // the node after `requestHandler:`
 * ```
 */
export function optionValue(node: Node | undefined, key: string): Node | undefined {
  if (!node) return undefined;
  const n = unwrapTs(node);
  if (n.type !== 'ObjectExpression') return undefined;
  for (const p of n.properties) if (p.type === 'Property' && !p.computed && keyName(p.key) === key) return p.value;
  return undefined;
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}
