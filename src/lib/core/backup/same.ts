/**
 * Whether two rows say the same, field by field, whatever their key order; the local `seq` (a
 * row's position on one device) is not part of what a row says.
 */
export function sameContent(a: unknown, b: unknown, ignore = 'seq'): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameContent(item, other[i], ''));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (row: Record<string, unknown>) =>
    Object.keys(row).filter((key) => key !== ignore && row[key] !== undefined);
  const leftKeys = keys(left);
  if (leftKeys.length !== keys(right).length) return false;
  return leftKeys.every((key) => sameContent(left[key], right[key], ''));
}
