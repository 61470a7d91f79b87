import { clozeGiveaways, optionLengthGiveaway } from './checks';
import { plainWords, renderInline } from './markdown';
import { cardKinds, type Card, type CardKind, type ChoiceOption } from './types';

export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const maxAnswerWords = 25;

/** A card block as written: `::: KIND ID [reversed]`, its body lines and where it starts. */
export interface CardBlock {
  kind: string;
  id: string | undefined;
  flags: string[];
  /** 1-based line of the `:::` opening line. */
  line: number;
  body: string[];
}

const closeLine = /^:::\s*$/;
const openLine = /^:::(?!:)\s*(\S.*)$/;

/** Whether `line` closes a card block (a lone `:::`). */
export function isCardClose(line: string): boolean {
  return closeLine.test(line);
}

/**
 * Reads a card block's opening line, `::: KIND [ID] [flags]`, or undefined when the line opens
 * no block. "::: basic reversed" is a card without an id, not a card named "reversed".
 */
export function parseCardOpen(
  line: string
): { kind: string; id: string | undefined; flags: string[] } | undefined {
  const open = openLine.exec(line);
  if (!open) return undefined;
  const [kind = '', ...words] = (open[1] ?? '').trim().split(/\s+/);
  const id = words[0] === 'reversed' ? undefined : words.shift();
  return { kind, id, flags: words };
}

/** Every card id written in a lesson's text, with its 1-based line. */
export function writtenCardIds(text: string): { id: string; line: number }[] {
  const found: { id: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const id = parseCardOpen(line)?.id;
    if (id) found.push({ id, line: index + 1 });
  });
  return found;
}

export interface BlockProblem {
  /** 1-based line in the lesson file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

type Item =
  | { kind: 'field'; name: 'Q' | 'A' | 'Note'; text: string; line: number }
  | { kind: 'option'; correct: boolean; text: string; why: string; whyLine: number; line: number }
  | { kind: 'point'; text: string; line: number }
  | { kind: 'step'; number: number; text: string; line: number }
  | { kind: 'text'; text: string; line: number };

/** Splits a block body into fields, options, key points, steps and free text, joining continuation lines. */
function readItems(block: CardBlock, problems: BlockProblem[]): Item[] {
  const items: Item[] = [];
  let last: Item | undefined;
  let inWhy = false;
  block.body.forEach((raw, index) => {
    const line = block.line + 1 + index;
    const text = raw.trim();
    if (text === '') {
      inWhy = false;
      if (last?.kind === 'text') last.text += '\n\n';
      return;
    }
    const field = /^(Q|A|Note):\s*(.*)$/.exec(text);
    const option = /^[-*]\s+\[( |x|X)\]\s+(.*)$/.exec(text);
    const why = /^Why:\s*(.*)$/.exec(text);
    const step = /^(\d+)[.)]\s+(.*)$/.exec(text);
    const point = /^[-*]\s+(.*)$/.exec(text);
    if (field) {
      last = { kind: 'field', name: field[1] as 'Q' | 'A' | 'Note', text: field[2] ?? '', line };
      inWhy = false;
    } else if (option) {
      last = {
        kind: 'option',
        correct: option[1] !== ' ',
        text: option[2] ?? '',
        why: '',
        whyLine: 0,
        line
      };
      inWhy = false;
    } else if (why) {
      if (last?.kind !== 'option') {
        problems.push({
          line,
          severity: 'error',
          message: '"Why:" must follow a choice option (- [x] or - [ ])'
        });
        return;
      }
      last.why = why[1] ?? '';
      last.whyLine = line;
      inWhy = true;
      return;
    } else if (step) {
      last = { kind: 'step', number: Number(step[1]), text: step[2] ?? '', line };
      inWhy = false;
    } else if (point) {
      last = { kind: 'point', text: point[1] ?? '', line };
      inWhy = false;
    } else if (last && last.kind !== 'text') {
      // A continuation line belongs to whatever came just before it.
      if (inWhy && last.kind === 'option') last.why += ` ${text}`;
      else last.text += ` ${text}`;
      return;
    } else if (last?.kind === 'text') {
      last.text += last.text.endsWith('\n\n') ? text : ` ${text}`;
      return;
    } else {
      last = { kind: 'text', text, line };
    }
    items.push(last);
  });
  return items;
}

function wordCount(text: string): number {
  return plainWords(text).length;
}

const clozePattern = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;

/** The cloze text for deletion `n`: front hides it, back marks it; other deletions show plainly. */
function renderCloze(text: string, n: number, side: 'front' | 'back'): string {
  const withMarks = text.replace(
    clozePattern,
    (_all, number: string, answer: string, hint?: string) => {
      if (Number(number) !== n) return answer;
      if (side === 'back') return `<mark class="cloze">${answer}</mark>`;
      return `<span class="cloze">[${hint ? hint : '…'}]</span>`;
    }
  );
  return renderInline(withMarks);
}

/**
 * Turns one card block into the cards it defines, reporting every problem with its line.
 * Returns no cards when the block has an error.
 */
export function compileBlock(
  block: CardBlock,
  lesson: string,
  section: string
): { cards: Card[]; problems: BlockProblem[]; prompt?: { question: string; answer: string } } {
  const problems: BlockProblem[] = [];
  const error = (line: number, message: string) =>
    problems.push({ line, severity: 'error', message });
  const warn = (line: number, message: string) =>
    problems.push({ line, severity: 'warning', message });

  if (!cardKinds.includes(block.kind as CardKind)) {
    error(block.line, `unknown card kind "${block.kind}" (use ${cardKinds.join(', ')})`);
    return { cards: [], problems };
  }
  const kind = block.kind as CardKind;
  const id = block.id;
  if (!id) {
    error(
      block.line,
      `${kind} card has no id: write "::: ${kind} some-id" or run "npm run content -- --fix-ids"`
    );
  } else if (!idPattern.test(id)) {
    error(block.line, `card id "${id}" may use only lowercase letters, digits and single hyphens`);
  }
  const allowedFlags = kind === 'basic' ? ['reversed'] : [];
  for (const flag of block.flags) {
    if (!allowedFlags.includes(flag))
      error(block.line, `unknown option "${flag}" for a ${kind} card`);
  }

  const items = readItems(block, problems);
  const fields = (name: 'Q' | 'A' | 'Note') =>
    items.filter(
      (item): item is Extract<Item, { kind: 'field' }> =>
        item.kind === 'field' && item.name === name
    );
  const single = (name: 'Q' | 'A' | 'Note') => {
    const found = fields(name);
    for (const extra of found.slice(1)) error(extra.line, `"${name}:" appears twice in one card`);
    return found[0];
  };
  const question = single('Q');
  const answer = single('A');
  const note = single('Note');
  const options = items.filter(
    (item): item is Extract<Item, { kind: 'option' }> => item.kind === 'option'
  );
  const points = items.filter(
    (item): item is Extract<Item, { kind: 'point' }> => item.kind === 'point'
  );
  const steps = items.filter(
    (item): item is Extract<Item, { kind: 'step' }> => item.kind === 'step'
  );
  const texts = items.filter(
    (item): item is Extract<Item, { kind: 'text' }> => item.kind === 'text'
  );

  const allowed: Record<CardKind, Item['kind'][]> = {
    basic: ['field'],
    cloze: ['text', 'field'],
    choice: ['field', 'option'],
    scenario: ['field', 'point'],
    order: ['field', 'step']
  };
  for (const item of items) {
    if (!allowed[kind].includes(item.kind)) {
      const what = {
        field: 'a field',
        option: 'a choice option',
        point: 'a list item',
        step: 'a numbered step',
        text: 'free text'
      }[item.kind];
      error(
        item.line,
        `a ${kind} card cannot hold ${what} here${item.kind === 'text' ? ' (start the question with "Q:")' : ''}`
      );
    }
  }
  if (kind === 'cloze') {
    if (question)
      error(question.line, 'a cloze card has no "Q:": write the sentence with {{c1::…}} deletions');
    if (answer) error(answer.line, 'a cloze card has no "A:": the deletions are the answers');
  } else if (!question || !question.text.trim()) {
    error(question?.line ?? block.line, `${kind} card has no question ("Q:")`);
  }
  if (kind !== 'basic' && kind !== 'cloze' && answer)
    error(answer.line, `a ${kind} card has no "A:" field`);

  const base = {
    noteId: id ?? '',
    lesson,
    section,
    ...(note?.text.trim() ? { note: renderInline(note.text) } : {})
  };
  const cards: Card[] = [];

  switch (kind) {
    case 'basic': {
      if (!answer || !answer.text.trim())
        error(answer?.line ?? block.line, 'basic card has no answer ("A:")');
      else if (wordCount(answer.text) > maxAnswerWords)
        warn(
          answer.line,
          `answer has ${wordCount(answer.text)} words; keep it under ${maxAnswerWords + 1}`
        );
      if (question && answer) {
        const front = renderInline(question.text);
        const back = renderInline(answer.text);
        cards.push({ ...base, id: id ?? '', kind: 'basic', front, back });
        if (block.flags.includes('reversed')) {
          cards.push({
            ...base,
            id: `${id}:reverse`,
            kind: 'basic',
            front: back,
            back: front,
            reversed: true
          });
        }
      }
      break;
    }
    case 'cloze': {
      const text = texts
        .map((t) => t.text)
        .join(' ')
        .trim();
      const numbers = [...new Set([...text.matchAll(clozePattern)].map((m) => Number(m[1])))].sort(
        (a, b) => a - b
      );
      if (numbers.length === 0)
        error(block.line, 'cloze card has no deletion: mark one as {{c1::text}}');
      for (const match of text.matchAll(clozePattern)) {
        if (!match[2]?.trim()) error(block.line, `deletion c${match[1]} is empty`);
        else if (wordCount(match[2]) > maxAnswerWords)
          warn(block.line, `deletion c${match[1]} is over ${maxAnswerWords} words`);
      }
      if (/\{\{(?!c\d+::)/.test(text))
        error(block.line, 'malformed deletion: write {{c1::text}} or {{c1::text::hint}}');
      const deletions = [...text.matchAll(clozePattern)].map((m) => ({
        number: Number(m[1]),
        answer: m[2] ?? '',
        ...(m[3] ? { hint: m[3] } : {})
      }));
      for (const message of clozeGiveaways(text, deletions, clozePattern))
        warn(block.line, message);
      for (const n of numbers) {
        cards.push({
          ...base,
          id: `${id}:c${n}`,
          kind: 'cloze',
          front: renderCloze(text, n, 'front'),
          back: renderCloze(text, n, 'back')
        });
      }
      break;
    }
    case 'choice': {
      if (options.length < 3 || options.length > 5)
        error(
          block.line,
          `choice card has ${options.length} options; give 3 to 5 ("- [x] right", "- [ ] wrong")`
        );
      const correct = options.filter((o) => o.correct).length;
      if (options.length > 0 && correct === 0)
        error(block.line, 'choice card has no correct option: mark one "- [x]"');
      if (correct === options.length && options.length > 0)
        error(block.line, 'every option is marked correct: a choice needs a wrong one');
      for (const option of options) {
        if (!option.text.trim()) error(option.line, 'choice option is empty');
        if (!option.why.trim()) warn(option.line, 'choice option has no "Why:" explanation');
      }
      const giveaway = optionLengthGiveaway(options);
      if (giveaway) warn(options.find((o) => o.correct)?.line ?? block.line, giveaway);
      if (question) {
        const rendered: ChoiceOption[] = options.map((o) => ({
          text: renderInline(o.text),
          correct: o.correct,
          why: renderInline(o.why)
        }));
        cards.push({
          ...base,
          id: id ?? '',
          kind: 'choice',
          question: renderInline(question.text),
          options: rendered,
          multiple: correct > 1
        });
      }
      break;
    }
    case 'scenario': {
      if (points.length < 2 || points.length > 6)
        error(block.line, `scenario has ${points.length} key points; give 2 to 6 ("- point")`);
      for (const point of points) {
        if (wordCount(point.text) > maxAnswerWords)
          warn(
            point.line,
            `key point has ${wordCount(point.text)} words; keep it under ${maxAnswerWords + 1}`
          );
      }
      if (question)
        cards.push({
          ...base,
          id: id ?? '',
          kind: 'scenario',
          question: renderInline(question.text),
          points: points.map((p) => renderInline(p.text))
        });
      break;
    }
    case 'order': {
      if (steps.length < 3 || steps.length > 8)
        error(block.line, `order card has ${steps.length} steps; give 3 to 8 ("1. step")`);
      steps.forEach((step, index) => {
        if (step.number !== index + 1)
          error(
            step.line,
            `step numbered ${step.number} should be ${index + 1}: write the steps in their correct order`
          );
      });
      if (question)
        cards.push({
          ...base,
          id: id ?? '',
          kind: 'order',
          question: renderInline(question.text),
          steps: steps.map((s) => renderInline(s.text))
        });
      break;
    }
  }
  const failed = problems.some((p) => p.severity === 'error');
  // What the duplicate check compares: the prompt (a cloze sentence with its answers in place)
  // and what the learner must come up with.
  const answers = {
    basic: [answer?.text ?? ''],
    cloze: [],
    choice: options.filter((o) => o.correct).map((o) => o.text),
    scenario: points.map((p) => p.text),
    order: steps.map((s) => s.text)
  }[kind];
  const prompt =
    kind === 'cloze'
      ? {
          question: texts
            .map((t) => t.text)
            .join(' ')
            .replace(clozePattern, (_all, _n, deleted: string) => deleted),
          answer: ''
        }
      : { question: question?.text ?? '', answer: answers.join(' ') };
  return { cards: failed ? [] : cards, problems, ...(prompt.question.trim() ? { prompt } : {}) };
}
