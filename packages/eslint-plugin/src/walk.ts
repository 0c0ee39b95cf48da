import type { Node } from 'estree';

type AnyNode = Node & { [key: string]: unknown };

/**
 * Visits every node under `root` depth-first. Return `false` from `enter` to skip a node's children.
 * Keys come from ESLint's `sourceCode.visitorKeys`, so TypeScript nodes are walked too.
 *
 * @example
 * ```ts
 * walk(fn.body, context.sourceCode.visitorKeys, (n) => { if (n.type === 'CallExpression') calls.push(n); });
 * ```
 */
export function walk(root: Node, keys: Readonly<Record<string, readonly string[] | undefined>>, enter: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (enter(node) === false) continue;
    const childKeys = keys[node.type] ?? [];
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const child = node[childKeys[k] as string];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i] as Node);
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
