import { describe, expect, it } from 'vitest';
import { questionKey, type QuestionKeyPress } from './question-keys';

const press = (key: string, more: Partial<QuestionKeyPress> = {}): QuestionKeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: { tagName: 'SECTION' },
  ...more
});

describe('questionKey', () => {
  it('picks the option at the place of the number pressed', () => {
    expect(questionKey(press('1'), 4)).toEqual({ kind: 'pick', place: 0 });
    expect(questionKey(press('4'), 4)).toEqual({ kind: 'pick', place: 3 });
  });

  it('ignores numbers past the last option, and 0', () => {
    expect(questionKey(press('5'), 4)).toBeUndefined();
    expect(questionKey(press('0'), 4)).toBeUndefined();
  });

  it('checks on Enter, also from a focused radio, but not from a button or link', () => {
    expect(questionKey(press('Enter'), 4)).toEqual({ kind: 'check' });
    expect(questionKey(press('Enter', { target: { tagName: 'INPUT', type: 'radio' } }), 4)).toEqual(
      { kind: 'check' }
    );
    expect(questionKey(press('Enter', { target: { tagName: 'BUTTON' } }), 4)).toBeUndefined();
    expect(questionKey(press('Enter', { target: { tagName: 'A' } }), 4)).toBeUndefined();
  });

  it('does nothing while typing or with a modifier (Ctrl+1 flags the card)', () => {
    expect(questionKey(press('2', { target: { tagName: 'TEXTAREA' } }), 4)).toBeUndefined();
    expect(questionKey(press('2', { ctrlKey: true }), 4)).toBeUndefined();
    expect(questionKey(press('2', { metaKey: true }), 4)).toBeUndefined();
  });
});
