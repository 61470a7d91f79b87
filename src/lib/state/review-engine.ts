// What a study session needs only once the learner acts: the FSRS scheduler (ts-fsrs) for the
// intervals on the rating buttons and for ranking cards by recall, and the write paths of an
// answer and of a card event (suspend, bury, flag) with their undo.
// The review page loads this module on first use (the first "Show answer", a rating, a mark, an
// undo, a card answered in another tab, or a session that ranks by recall), so the first card is drawn
// without it; the service worker has it cached from the first visit on.
export { answer, loadState, undoAnswer } from '$lib/db/answer';
export { recordEvent, undoEvent } from '$lib/db/event-write';
export { answerCard, previewOutcomes, retrievability } from '$lib/core/review/scheduler';
export { notices } from './session-notices';
