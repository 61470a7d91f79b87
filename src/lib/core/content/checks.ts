// Checks for cards that give their answer away. Each is a warning, never an error: a lesson
// still builds, but `npm run content` points at the card so the author can reword it.
import { plainWords } from './markdown';

/** A correct option at least this many times as long as every distractor stands out. */
export const longestOptionRatio = 1.3;
/** Correct options on average this many times as long as the distractors' average stand out. */
export const paddedAnswerRatio = 2;
/** Below this many characters of difference, a length ratio is noise ("SQS" vs "Kafka"). */
export const minLengthGap = 10;
/** Two notes whose questions' key words overlap at least this much (Jaccard) ask the same thing. */
export const sameQuestionThreshold = 0.8;
/** Two notes whose question and answer together overlap at least this much are the same card. */
export const sameCardThreshold = 0.6;

/** What a learner reads of an option: its plain words, without Markdown marks or its Why. */
export function optionLength(text: string): number {
  return plainWords(text).join(' ').length;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Whether option lengths alone point at the answer. Two tests, both comparing what the learner
 * sees before answering:
 * - the shortest correct option is at least 1.3 times the longest distractor, so "pick the
 *   longest" (or, with checkboxes, "tick the long ones") always works;
 * - the correct options average at least twice the distractors' average, so the distractors
 *   read as filler even when one of them is long.
 * With one correct option the shortest and the average are that option, so one rule covers
 * radio buttons and checkboxes.
 */
export function optionLengthGiveaway(
  options: readonly { text: string; correct: boolean }[]
): string | undefined {
  const correct = options.filter((o) => o.correct).map((o) => optionLength(o.text));
  const wrong = options.filter((o) => !o.correct).map((o) => optionLength(o.text));
  if (correct.length === 0 || wrong.length === 0) return undefined;
  const shortestCorrect = Math.min(...correct);
  const longestWrong = Math.max(...wrong);
  const what = correct.length === 1 ? 'the correct option' : 'every correct option';
  if (
    shortestCorrect >= longestOptionRatio * longestWrong &&
    shortestCorrect - longestWrong >= minLengthGap
  ) {
    return `${what} is clearly the longest (${shortestCorrect} characters, longest distractor ${longestWrong}): learners learn to pick the longest; lengthen a distractor or shorten the answer`;
  }
  const correctMean = mean(correct);
  const wrongMean = mean(wrong);
  if (correctMean >= paddedAnswerRatio * wrongMean && correctMean - wrongMean >= minLengthGap) {
    return `the distractors are far shorter than ${correct.length === 1 ? 'the answer' : 'the answers'} (${Math.round(wrongMean)} characters on average against ${Math.round(correctMean)}): give them the same weight`;
  }
  return undefined;
}

export interface Deletion {
  number: number;
  answer: string;
  hint?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (text: string) => plainWords(text).join(' ').toLowerCase();

/**
 * Deletions that the rest of their own card reveals. The card for deletion N hides every
 * deletion numbered N and shows the other deletions' text, the plain text and N's hint; if a
 * hidden answer can be read in what is shown (as a whole word, plural or not), the card
 * answers itself. `text` is the cloze block with its deletions written in place.
 */
export function clozeGiveaways(
  text: string,
  deletions: readonly Deletion[],
  pattern: RegExp
): string[] {
  const found: string[] = [];
  const reported = new Set<string>();
  for (const deletion of deletions) {
    const answer = squash(deletion.answer);
    if (!answer || reported.has(`${deletion.number}:${answer}`)) continue;
    const shown = text.replace(pattern, (_all, number: string, other: string, hint?: string) =>
      Number(number) === deletion.number ? ` [${hint ?? ''}] ` : ` ${other} `
    );
    const word = new RegExp(
      `(^|[^\\p{L}\\p{N}])${escapeRegExp(answer)}(s|es)?(?![\\p{L}\\p{N}])`,
      'u'
    );
    if (word.test(squash(shown))) {
      reported.add(`${deletion.number}:${answer}`);
      found.push(
        `deletion c${deletion.number} "${deletion.answer.trim()}" can be read elsewhere in the same cloze, so its card gives the answer away`
      );
    }
  }
  return found;
}

/** A card block reduced to what a learner reads, for the duplicate check across the course. */
export interface NoteText {
  id: string;
  path: string;
  line: number;
  /** The prompt: the question, or a cloze sentence with its deletions filled in. */
  question: string;
  /** What the learner must come up with: the answer, correct options, key points or steps. */
  answer: string;
}

// Words that carry no meaning of their own in a card's prompt.
const stopWords = new Set(
  (
    'a an the of to in on at for by with from into onto and or but nor so as is are was were be been being it its this that these those ' +
    'what which who whom whose when where why how do does did can could should would will shall may might must you your we our they their ' +
    'i me my he she his her them there here than then also not no yes if about one some any each q interviewer asks says'
  ).split(' ')
);

/** Lowercased content words of a text, with a plural "s" dropped so "shard" and "shards" match. */
export function keyWords(text: string): Set<string> {
  const words = plainWords(text)
    .map((word) =>
      word
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}%]/gu, '')
    )
    .filter((word) => word && !stopWords.has(word))
    .map((word) =>
      word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word
    );
  return new Set(words);
}

/** Jaccard similarity of two word sets: shared words over all words. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Jaccard similarity of two sorted arrays of word numbers; 0 when the sizes alone rule out `floor`. */
function sortedSimilarity(a: Int32Array, b: Int32Array, floor: number): number {
  const small = Math.min(a.length, b.length);
  const large = Math.max(a.length, b.length);
  if (small === 0 || small < floor * large) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

/** The first `1 - threshold` share of a set's rarest words, plus one: any set at least `threshold` similar shares a word in it. */
function prefix(words: Int32Array, threshold: number): Int32Array {
  return words.subarray(0, words.length - Math.ceil(threshold * words.length - 1e-9) + 1);
}

/**
 * Notes anywhere in the course that read as the same card as an earlier one: their questions
 * share at least 80% of their key words, or question and answer together share at least 60%.
 * The question alone needs the higher bar because sibling questions built on one template
 * ("How does round-robin / least-connections pick a server?") share most words yet ask
 * different things; their answers tell them apart. Notes are compared, not cards, so the
 * siblings of one note (a reversed card, the deletions of one cloze) are never duplicates of
 * each other. Each note is reported at most once, against the first earlier match found, so a
 * library of look-alike cards gets one warning per card rather than one per pair.
 *
 * Comparing every pair would be quadratic; instead each note is checked only against earlier
 * notes that share one of its rarest words (prefix filtering: two sets that are similar enough
 * must share a word among the rarest few of each), which finds exactly the same matches.
 */
export function nearDuplicates(
  notes: readonly NoteText[]
): { note: NoteText; earlier: NoteText; reason: string }[] {
  const questionWords = notes.map((note) => keyWords(note.question));
  const wholeWords = notes.map((note) => keyWords(`${note.question} ${note.answer}`));
  const frequency = new Map<string, number>();
  for (const words of wholeWords)
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const rarestFirst = [...frequency.keys()].sort(
    (a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1)
  );
  const rank = new Map(rarestFirst.map((word, index) => [word, index]));
  const encode = (words: Set<string>) =>
    Int32Array.from([...words].map((word) => rank.get(word)!)).sort();
  const questions = questionWords.map(encode);
  const wholes = wholeWords.map(encode);
  const byQuestion = new Map<number, number[]>();
  const byWhole = new Map<number, number[]>();
  const pct = (score: number) => `${Math.round(score * 100)}%`;
  const found: { note: NoteText; earlier: NoteText; reason: string }[] = [];

  for (let j = 0; j < notes.length; j += 1) {
    const tried = new Set<number>();
    const search = (
      index: Map<number, number[]>,
      words: Int32Array
    ): { i: number; reason: string } | undefined => {
      for (const word of words) {
        const earlier = index.get(word) ?? [];
        for (let k = earlier.length - 1; k >= 0; k -= 1) {
          const i = earlier[k]!;
          if (tried.has(i)) continue;
          tried.add(i);
          const question = sortedSimilarity(questions[i]!, questions[j]!, sameQuestionThreshold);
          if (question >= sameQuestionThreshold)
            return { i, reason: `the questions share ${pct(question)} of their key words` };
          const whole = sortedSimilarity(wholes[i]!, wholes[j]!, sameCardThreshold);
          if (whole >= sameCardThreshold)
            return { i, reason: `question and answer share ${pct(whole)} of their key words` };
        }
      }
      return undefined;
    };
    const questionPrefix = prefix(questions[j]!, sameQuestionThreshold);
    const wholePrefix = prefix(wholes[j]!, sameCardThreshold);
    const match = search(byQuestion, questionPrefix) ?? search(byWhole, wholePrefix);
    if (match) found.push({ note: notes[j]!, earlier: notes[match.i]!, reason: match.reason });
    for (const [index, words] of [
      [byQuestion, questionPrefix],
      [byWhole, wholePrefix]
    ] as const) {
      for (const word of words) {
        const list = index.get(word);
        if (list) list.push(j);
        else index.set(word, [j]);
      }
    }
  }
  return found;
}
