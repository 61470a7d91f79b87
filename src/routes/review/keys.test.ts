import { describe, expect, it } from 'vitest';
import { reviewKeyAction, type KeyPress, type ReviewKeyState } from './keys';
import { reviewShortcuts } from './shortcuts';

const press = (key: string, target: KeyPress['target'] = { tagName: 'SECTION' }): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target
});
const hidden: ReviewKeyState = {
  showingCard: true,
  revealed: false,
  revealsByButton: true,
  canUndo: false
};
const shown: ReviewKeyState = { ...hidden, revealed: true, canUndo: true };

describe('reviewKeyAction', () => {
  it('shows the answer with Space or Enter, but not for a focused control or a Check question', () => {
    expect(reviewKeyAction(press(' '), hidden)).toEqual({ kind: 'reveal' });
    expect(reviewKeyAction(press('Enter'), hidden)).toEqual({ kind: 'reveal' });
    expect(reviewKeyAction(press(' ', { tagName: 'BUTTON' }), hidden)).toBeUndefined();
    expect(reviewKeyAction(press(' '), { ...hidden, revealsByButton: false })).toBeUndefined();
    expect(reviewKeyAction(press(' '), shown)).toBeUndefined();
  });

  it('rates with 1-4 only once the answer shows', () => {
    expect(reviewKeyAction(press('3'), hidden)).toBeUndefined();
    expect(reviewKeyAction(press('1'), shown)).toEqual({ kind: 'rate', rating: 1 });
    expect(reviewKeyAction(press('4'), shown)).toEqual({ kind: 'rate', rating: 4 });
    expect(reviewKeyAction(press('5'), shown)).toBeUndefined();
  });

  it('undoes with Z when there is something to take back', () => {
    expect(reviewKeyAction(press('z'), shown)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction(press('Z'), shown)).toEqual({ kind: 'undo' });
    expect(reviewKeyAction(press('z'), { ...shown, canUndo: false })).toBeUndefined();
  });

  it('does nothing while typing, with a modifier, or with no card on screen', () => {
    expect(reviewKeyAction(press('3', { tagName: 'TEXTAREA' }), shown)).toBeUndefined();
    expect(reviewKeyAction(press('3', { tagName: 'INPUT', type: 'text' }), shown)).toBeUndefined();
    // Ctrl+3 flags (below); Alt+3 and Cmd+3 belong to the browser.
    expect(reviewKeyAction({ ...press('3'), altKey: true }, shown)).toBeUndefined();
    expect(reviewKeyAction({ ...press('3'), metaKey: true }, shown)).toBeUndefined();
    expect(reviewKeyAction(press('3'), { ...shown, showingCard: false })).toBeUndefined();
  });

  it('suspends with @ and buries with -, whether or not the answer shows', () => {
    expect(reviewKeyAction(press('@'), hidden)).toEqual({ kind: 'suspend' });
    expect(reviewKeyAction(press('@'), shown)).toEqual({ kind: 'suspend' });
    // AltGr+Q on a German keyboard gives "@" reported with Ctrl and Alt.
    expect(reviewKeyAction({ ...press('@'), ctrlKey: true, altKey: true }, shown)).toEqual({
      kind: 'suspend'
    });
    expect(reviewKeyAction(press('-'), hidden)).toEqual({ kind: 'bury' });
    expect(reviewKeyAction(press('-'), { ...hidden, canMark: false })).toBeUndefined();
    expect(reviewKeyAction(press('@'), { ...hidden, showingCard: false })).toBeUndefined();
    expect(reviewKeyAction(press('-', { tagName: 'TEXTAREA' }), hidden)).toBeUndefined();
  });

  it('flags with Ctrl+1-4; Ctrl+0 or the same colour again takes the flag off', () => {
    const ctrl = (key: string) => ({ ...press(key), ctrlKey: true });
    expect(reviewKeyAction(ctrl('1'), hidden)).toEqual({ kind: 'flag', flag: 1 });
    expect(reviewKeyAction(ctrl('4'), { ...shown, flag: 2 })).toEqual({ kind: 'flag', flag: 4 });
    expect(reviewKeyAction(ctrl('2'), { ...shown, flag: 2 })).toEqual({ kind: 'flag', flag: 0 });
    expect(reviewKeyAction(ctrl('0'), { ...shown, flag: 3 })).toEqual({ kind: 'flag', flag: 0 });
    expect(reviewKeyAction(ctrl('5'), shown)).toBeUndefined();
    expect(reviewKeyAction(ctrl('z'), shown)).toBeUndefined();
    expect(reviewKeyAction({ ...ctrl('1'), metaKey: true }, shown)).toBeUndefined();
  });

  it('opens the shortcut list with ?, which lists every key the page acts on', () => {
    expect(reviewKeyAction(press('?'), hidden)).toEqual({ kind: 'shortcuts' });
    expect(reviewKeyAction(press('?'), { ...hidden, showingCard: false })).toEqual({
      kind: 'shortcuts'
    });
    expect(reviewKeyAction(press('?', { tagName: 'TEXTAREA' }), hidden)).toBeUndefined();
    const listed = reviewShortcuts.map((shortcut) => shortcut.keys).join(' ');
    for (const key of [
      'Space',
      'Enter',
      '1',
      '4',
      'Z',
      '@',
      '-',
      'Ctrl+1',
      'Ctrl+4',
      'Ctrl+0',
      '?'
    ])
      expect(listed).toContain(key);
  });
});
