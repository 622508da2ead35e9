/**
 * The parser keeps the small part of a package (everything but attachment bodies) as a tree of
 * edXML elements by local name, then reads the model from it; these helpers read it tolerantly
 * (docs/formats.md#edxml-reading): missing elements give empty values, the literal `null` is empty.
 */
export interface TreeNode {
  name: string;
  text: string;
  children: TreeNode[];
}

export function child(node: TreeNode | undefined, name: string): TreeNode | undefined {
  return node?.children.find((candidate) => candidate.name === name);
}

export function childrenNamed(node: TreeNode | undefined, name: string): TreeNode[] {
  return node?.children.filter((candidate) => candidate.name === name) ?? [];
}

export function textOf(node: TreeNode | undefined): string {
  const text = node?.text.trim() ?? '';
  return text === 'null' ? '' : text;
}

export function childText(node: TreeNode | undefined, name: string): string {
  return textOf(child(node, name));
}

export function childInteger(node: TreeNode | undefined, name: string): number | null {
  const text = childText(node, name);
  return /^[+-]?\d{1,15}$/.test(text) ? Number(text) : null;
}

/** `true`/`1` in any case; anything else is false. */
export function childFlag(node: TreeNode | undefined, name: string): boolean {
  return /^(?:true|1)$/i.test(childText(node, name));
}

/** How a path names the n-th (1-based) element of that name among its siblings: `Attachment[2]`. */
export function pathStep(name: string, position: number): string {
  return position > 1 ? `${name}[${position}]` : name;
}
