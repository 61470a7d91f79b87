import type { Rating } from '$lib/core/review/scheduler';

/** What a key press on the review page does, decided apart from the DOM so it can be tested. */
export type KeyAction = { kind: 'reveal' } | { kind: 'rate'; rating: Rating } | { kind: 'undo' };

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The element the key was pressed in: its tag name and, for inputs, its type. */
  target: { tagName: string; type?: string } | null;
}

export interface ReviewKeyState {
  /** A card is on screen. */
  showingCard: boolean;
  revealed: boolean;
  /** The card is revealed by "Show answer" (choice and order questions use "Check"). */
  revealsByButton: boolean;
  canUndo: boolean;
}

const interactiveTags = ['BUTTON', 'A', 'INPUT', 'TEXTAREA', 'SELECT', 'SUMMARY'];

function typing(target: KeyPress['target']): boolean {
  return (
    !!target &&
    (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && target.type === 'text'))
  );
}

/**
 * Space or Enter shows the answer (unless the key belongs to a focused control), 1-4 rate once
 * the answer is showing, Z takes back the last answer. Nothing while typing or with a modifier.
 */
export function reviewKeyAction(press: KeyPress, state: ReviewKeyState): KeyAction | undefined {
  if (press.altKey || press.ctrlKey || press.metaKey || typing(press.target)) return undefined;
  if (!state.showingCard) return undefined;
  if (press.key === ' ' || press.key === 'Enter') {
    const onControl = !!press.target && interactiveTags.includes(press.target.tagName);
    return !onControl && !state.revealed && state.revealsByButton ? { kind: 'reveal' } : undefined;
  }
  if (state.revealed && ['1', '2', '3', '4'].includes(press.key))
    return { kind: 'rate', rating: Number(press.key) as Rating };
  if ((press.key === 'z' || press.key === 'Z') && state.canUndo) return { kind: 'undo' };
  return undefined;
}
