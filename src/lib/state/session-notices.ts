// What the review page says after something that has already loaded the session's engine (a
// mark, an undo, an answer whose next card failed, another tab's answer, whose card state it
// read): it loads with the engine (review-engine.ts), so the first card carries none of it.
export const notices = {
  flagged: 'Flagged.',
  unflagged: 'Flag removed.',
  suspended:
    'Card suspended: it leaves your reviews until you unsuspend it. Undo (Z) brings it back.',
  buried: 'Card buried until the next study day. Undo (Z) brings it back.',
  markGone: 'That cannot be taken back: it is no longer in your history.',
  answeredLater:
    'That answer cannot be taken back: the card was answered again in another tab, and that answer is kept.',
  answerGone: 'That answer cannot be taken back: it is no longer in your history.',
  hiddenElsewhere: 'That card was suspended or buried in another tab, so this tab moved on.',
  answeredElsewhereShowing:
    'This card was just answered in another tab. Rating it here counts as another review.',
  answeredElsewhere: 'That card was answered in another tab, so this tab moved on.',
  nextCardFailed: 'Your answer was saved, but the next card could not be loaded.'
};
