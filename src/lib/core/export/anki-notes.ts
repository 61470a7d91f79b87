import type { Card, ChoiceCard, ClozeCard, OrderCard, ScenarioCard } from '../content/types';
import { noteIdOf } from '../review/ids';
import { hash53 } from './hash';
import type { NoteTypeKey } from './anki-models';

/**
 * One Anki note made from the cards of one of our notes (a block in a lesson). Field values
 * are HTML: the content compiler's sanitised output, put together with markup built here
 * from fixed text only, so nothing is escaped twice and nothing unsafe gets in.
 */
export interface AnkiNote {
  /** Our note id (the id written in the lesson). */
  noteId: string;
  type: NoteTypeKey;
  fields: string[];
  lesson: string;
  section: string;
  /** Our card ids with the Anki template (or cloze number - 1) each becomes. */
  cards: { cardId: string; ord: number }[];
}

/** Anki separates a note's fields with the unit separator; content never needs it. */
const fieldSeparator = '\u001f';
const clean = (html: string) => html.replaceAll(fieldSeparator, ' ');

const list = (tag: 'ul' | 'ol', items: readonly string[], className = '') =>
  `<${tag}${className ? ` class="${className}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;

function choiceFields(card: ChoiceCard): string[] {
  const prompt = card.multiple ? '<p><em>Choose every right answer.</em></p>' : '';
  const answers = card.options.map(
    (o) =>
      `<li class="${o.correct ? 'right' : 'wrong'}"><strong>${o.correct ? 'Right' : 'Wrong'}:</strong> ${o.text}${o.why ? `<div class="why">${o.why}</div>` : ''}</li>`
  );
  return [
    card.question,
    prompt +
      list(
        'ol',
        card.options.map((o) => o.text),
        'options'
      ),
    `<ul class="answers">${answers.join('')}</ul>`,
    card.note ?? ''
  ];
}

function scenarioFields(card: ScenarioCard): string[] {
  return [card.question, list('ul', card.points), card.note ?? ''];
}

/** The steps in a mixed order that is the same in every export (by a hash of each step). */
function mixedSteps(steps: readonly string[]): string[] {
  const mixed = [...steps].sort((a, b) => hash53(a) - hash53(b));
  // A list that comes out already in order would give the answer away: turn it round.
  return mixed.every((s, i) => s === steps[i]) ? mixed.reverse() : mixed;
}

function orderFields(card: OrderCard): string[] {
  return [
    card.question,
    list('ul', mixedSteps(card.steps)),
    list('ol', card.steps),
    card.note ?? ''
  ];
}

const markPattern = /<mark class="cloze">([\s\S]*?)<\/mark>/g;
const hintPattern = /<span class="cloze">\[([\s\S]*?)\]<\/span>/g;

interface Deletion {
  n: number;
  start: number;
  end: number;
  hint: string;
}

/**
 * Anki cloze text (`{{c1::answer::hint}}`) from our compiled cloze cards. Each card's back is
 * the whole sentence with its own deletion marked; with the marks taken out, every card of a
 * note reads the same, and the marks say where each deletion goes. Cards whose sentence does
 * not match the first card's are left out (returned in `leftOut`).
 */
export function clozeText(cards: readonly ClozeCard[]): {
  text: string;
  numbers: number[];
  leftOut: string[];
} {
  const numbered = cards
    .map((card) => ({ card, n: Number(card.id.slice(card.id.lastIndexOf(':c') + 2)) }))
    .sort((a, b) => a.n - b.n);
  let plain: string | undefined;
  const deletions: Deletion[] = [];
  const leftOut: string[] = [];
  for (const { card, n } of numbered) {
    const stripped = card.back.replace(markPattern, '$1');
    const hints = [...card.front.matchAll(hintPattern)].map((m) => m[1] ?? '');
    const found: Deletion[] = [];
    let removed = 0;
    for (const match of card.back.matchAll(markPattern)) {
      const inner = match[1] ?? '';
      const start = (match.index ?? 0) - removed;
      removed += match[0].length - inner.length;
      const hint = hints[found.length] ?? '…';
      found.push({ n, start, end: start + inner.length, hint: hint === '…' ? '' : hint });
    }
    plain ??= stripped;
    const overlaps = found.some((f) => deletions.some((d) => f.start < d.end && d.start < f.end));
    if (!Number.isInteger(n) || n < 1 || stripped !== plain || found.length === 0 || overlaps) {
      leftOut.push(card.id);
      continue;
    }
    deletions.push(...found);
  }
  let text = plain ?? '';
  for (const d of [...deletions].sort((a, b) => b.start - a.start)) {
    const answer = text.slice(d.start, d.end);
    const hint = d.hint ? `::${d.hint}` : '';
    text = `${text.slice(0, d.start)}{{c${d.n}::${answer}${hint}}}${text.slice(d.end)}`;
  }
  return { text, numbers: [...new Set(deletions.map((d) => d.n))], leftOut };
}

/** Groups the deck's cards into Anki notes, one per note id, in deck order. */
export function ankiNotes(cards: readonly Card[]): { notes: AnkiNote[]; leftOut: string[] } {
  const byNote = new Map<string, Card[]>();
  for (const card of cards) {
    const key = noteIdOf(card.id);
    const group = byNote.get(key);
    if (group) group.push(card);
    else byNote.set(key, [card]);
  }
  const notes: AnkiNote[] = [];
  const leftOut: string[] = [];
  for (const [noteId, group] of byNote) {
    const first = group[0] as Card;
    const place = { noteId, lesson: first.lesson, section: first.section };
    const extraOf = (card: Card) => card.note ?? '';
    let note: AnkiNote | undefined;
    switch (first.kind) {
      case 'basic': {
        const forward = group.find((c) => c.kind === 'basic' && !c.reversed);
        const reverse = group.find((c) => c.kind === 'basic' && c.reversed);
        if (!forward || forward.kind !== 'basic') break;
        note = {
          ...place,
          type: reverse ? 'basic-reversed' : 'basic',
          fields: [forward.front, forward.back, extraOf(forward)],
          cards: [
            { cardId: forward.id, ord: 0 },
            ...(reverse ? [{ cardId: reverse.id, ord: 1 }] : [])
          ]
        };
        break;
      }
      case 'cloze': {
        const clozes = group.filter((c): c is ClozeCard => c.kind === 'cloze');
        const made = clozeText(clozes);
        leftOut.push(...made.leftOut);
        if (made.numbers.length === 0) break;
        note = {
          ...place,
          type: 'cloze',
          fields: [made.text, extraOf(first)],
          cards: clozes
            .filter((c) => !made.leftOut.includes(c.id))
            .map((c) => ({ cardId: c.id, ord: Number(c.id.slice(c.id.lastIndexOf(':c') + 2)) - 1 }))
        };
        break;
      }
      case 'choice':
        note = { ...place, type: 'choice', fields: choiceFields(first), cards: [] };
        break;
      case 'scenario':
        note = { ...place, type: 'scenario', fields: scenarioFields(first), cards: [] };
        break;
      case 'order':
        note = { ...place, type: 'order', fields: orderFields(first), cards: [] };
        break;
    }
    if (!note) {
      leftOut.push(...group.map((c) => c.id));
      continue;
    }
    if (note.cards.length === 0) note.cards = [{ cardId: first.id, ord: 0 }];
    const kept = new Set(note.cards.map((c) => c.cardId));
    leftOut.push(...group.filter((c) => !kept.has(c.id)).map((c) => c.id));
    notes.push({ ...note, fields: note.fields.map(clean) });
  }
  return { notes, leftOut };
}
