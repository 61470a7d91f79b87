import type { Flag } from '$lib/core/review/events';
import type { Rating } from '$lib/core/review/scheduler';

/** What a key press on the review page does, decided apart from the DOM so it can be tested. */
export type KeyAction =
  | { kind: 'reveal' }
  | { kind: 'rate'; rating: Rating }
  | { kind: 'undo' }
  | { kind: 'suspend' }
  | { kind: 'bury' }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'shortcuts' };

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
  /** The flag of the card on screen (0 none): its own colour again takes it off. */
  flag?: Flag;
  /** Suspend, bury and flag are open (not while an answer is being saved). */
  canMark?: boolean;
}

const interactiveTags = ['BUTTON', 'A', 'INPUT', 'TEXTAREA', 'SELECT', 'SUMMARY'];

function typing(target: KeyPress['target']): boolean {
  return (
    !!target &&
    (target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' && (target.type === 'text' || target.type === 'search')))
  );
}

/**
 * Space or Enter shows the answer (unless the key belongs to a focused control), 1-4 rate once
 * the answer is showing, Z takes back the last answer or mark; Anki's `@` suspends, `-` buries,
 * Ctrl+1-4 flag (Ctrl+0, or the card's own colour again, takes the flag off); `?` lists the
 * keys. Nothing while typing; no other key with a modifier.
 */
export function reviewKeyAction(press: KeyPress, state: ReviewKeyState): KeyAction | undefined {
  if (typing(press.target) || press.metaKey) return undefined;
  // `?` and `@` are what the key gives, however the layout reaches it (Shift, or AltGr, which
  // browsers report as Ctrl+Alt).
  if (press.key === '?') return { kind: 'shortcuts' };
  if (!state.showingCard) return undefined;
  const canMark = state.canMark ?? true;
  if (press.key === '@') return canMark ? { kind: 'suspend' } : undefined;
  if (press.ctrlKey && !press.altKey) {
    if (!/^[0-4]$/.test(press.key) || !canMark) return undefined;
    const chosen = Number(press.key) as Flag;
    return { kind: 'flag', flag: chosen === state.flag ? 0 : chosen };
  }
  if (press.altKey || press.ctrlKey) return undefined;
  if (press.key === '-') return canMark ? { kind: 'bury' } : undefined;
  if (press.key === ' ' || press.key === 'Enter') {
    const onControl = !!press.target && interactiveTags.includes(press.target.tagName);
    return !onControl && !state.revealed && state.revealsByButton ? { kind: 'reveal' } : undefined;
  }
  if (state.revealed && ['1', '2', '3', '4'].includes(press.key))
    return { kind: 'rate', rating: Number(press.key) as Rating };
  if ((press.key === 'z' || press.key === 'Z') && state.canUndo) return { kind: 'undo' };
  return undefined;
}
