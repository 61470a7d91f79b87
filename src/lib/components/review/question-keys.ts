/**
 * What a key does on a question answered with "Check" (choice, order) before it is checked:
 * 1-9 pick the option shown at that place, Enter checks. Nothing with a modifier, while
 * typing, or on a control whose own Enter or Space means something (a button, a link).
 */
export type QuestionKey = { kind: 'pick'; place: number } | { kind: 'check' };

/** A key press: a KeyboardEvent, or a plain object shaped like one in tests. */
export interface QuestionKeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | { tagName: string; type?: string } | null;
}

const ownsEnter = ['BUTTON', 'A', 'TEXTAREA', 'SELECT', 'SUMMARY'];

export function questionKey(press: QuestionKeyPress, options: number): QuestionKey | undefined {
  if (press.altKey || press.ctrlKey || press.metaKey) return undefined;
  const target = press.target as { tagName?: string; type?: string } | null;
  const tag = target?.tagName;
  if (tag === 'TEXTAREA' || (tag === 'INPUT' && /^(text|search)$/.test(target?.type ?? '')))
    return undefined;
  if (press.key === 'Enter') return tag && ownsEnter.includes(tag) ? undefined : { kind: 'check' };
  if (/^[1-9]$/.test(press.key) && Number(press.key) <= options)
    return { kind: 'pick', place: Number(press.key) - 1 };
  return undefined;
}
