import { describe, expect, it } from 'vitest';
import { reviewKeyAction, type KeyPress, type ReviewKeyState } from './keys';

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
    expect(reviewKeyAction({ ...press('3'), ctrlKey: true }, shown)).toBeUndefined();
    expect(reviewKeyAction(press('3'), { ...shown, showingCard: false })).toBeUndefined();
  });
});
