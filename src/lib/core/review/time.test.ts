import { describe, expect, it } from 'vitest';
import {
  dayMs,
  formatInterval,
  hourMs,
  minuteMs,
  nextStudyDayStart,
  shiftDay,
  studyDay
} from './time';

/** The instant a wall clock at UTC offset `offsetMinutes` shows the given local time. */
function localAt(
  [year, month, day]: [number, number, number],
  hour: number,
  minute: number,
  offsetMinutes: number
): number {
  return Date.UTC(year, month - 1, day, hour, minute) - offsetMinutes * minuteMs;
}

/** The wall clock in `timeZone` at `ms`, read independently of the module under test. */
function wallClock(ms: number, timeZone: string): { date: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit'
  }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    hour: Number(part('hour')),
    minute: Number(part('minute'))
  };
}

/** Start and length of the study day `day` (`YYYY-MM-DD`). */
function studyDaySpan(
  day: string,
  startHour: number,
  timeZone: string
): { start: number; hours: number } {
  const start = nextStudyDayStart(
    Date.parse(`${shiftDay(day, -1)}T12:00:00Z`),
    startHour,
    timeZone
  );
  const end = nextStudyDayStart(start, startHour, timeZone);
  return { start, hours: (end - start) / hourMs };
}

/** UTC offsets in January 2026 (Auckland is on daylight time then). */
const januaryOffsets: [string, number][] = [
  ['Europe/Berlin', 60],
  ['America/New_York', -300],
  ['Asia/Kolkata', 330],
  ['Pacific/Auckland', 780],
  ['UTC', 0]
];

describe('studyDay', () => {
  describe.each(januaryOffsets)('in %s', (zone, offset) => {
    it('counts 01:30 local time for the previous day', () => {
      const at = localAt([2026, 1, 15], 1, 30, offset);
      expect(wallClock(at, zone)).toEqual({ date: '2026-01-15', hour: 1, minute: 30 });
      expect(studyDay(at, 4, zone)).toBe('2026-01-14');
    });

    it('counts 03:59 for the previous day and 04:00 for the same day', () => {
      expect(studyDay(localAt([2026, 1, 15], 3, 59, offset), 4, zone)).toBe('2026-01-14');
      expect(studyDay(localAt([2026, 1, 15], 4, 0, offset), 4, zone)).toBe('2026-01-15');
    });

    it('counts 23:59 for the same day', () => {
      expect(studyDay(localAt([2026, 1, 15], 23, 59, offset), 4, zone)).toBe('2026-01-15');
    });

    it('puts the small hours of New Year in the old year', () => {
      expect(studyDay(localAt([2026, 1, 1], 1, 30, offset), 4, zone)).toBe('2025-12-31');
    });

    it('starts the next study day at 04:00 local time tomorrow', () => {
      const at = localAt([2026, 1, 15], 13, 0, offset);
      const next = nextStudyDayStart(at, 4, zone);
      expect(next).toBe(localAt([2026, 1, 16], 4, 0, offset));
      expect(wallClock(next, zone)).toEqual({ date: '2026-01-16', hour: 4, minute: 0 });
    });

    it('starts the next study day later the same morning when it is past midnight', () => {
      const at = localAt([2026, 1, 15], 1, 30, offset);
      expect(nextStudyDayStart(at, 4, zone)).toBe(localAt([2026, 1, 15], 4, 0, offset));
    });
  });

  it('counts a review at 04:00 on the dot in Kolkata, a half-hour zone, for that day', () => {
    // 04:00 IST is 22:30 UTC the evening before.
    const at = Date.UTC(2026, 5, 9, 22, 30);
    expect(wallClock(at, 'Asia/Kolkata')).toEqual({ date: '2026-06-10', hour: 4, minute: 0 });
    expect(studyDay(at, 4, 'Asia/Kolkata')).toBe('2026-06-10');
    expect(studyDay(at - 1, 4, 'Asia/Kolkata')).toBe('2026-06-09');
  });

  it('uses the winter offset of Auckland in July', () => {
    // NZST is UTC+12: 03:59 and 04:00 on 10 July.
    expect(studyDay(Date.UTC(2026, 6, 9, 15, 59), 4, 'Pacific/Auckland')).toBe('2026-07-09');
    expect(studyDay(Date.UTC(2026, 6, 9, 16, 0), 4, 'Pacific/Auckland')).toBe('2026-07-10');
  });

  describe('with startHour 0', () => {
    it('counts the small hours for the calendar day', () => {
      expect(studyDay(localAt([2026, 1, 15], 0, 0, 60), 0, 'Europe/Berlin')).toBe('2026-01-15');
      expect(studyDay(localAt([2026, 1, 15], 0, 30, 60), 0, 'Europe/Berlin')).toBe('2026-01-15');
      expect(studyDay(localAt([2026, 1, 14], 23, 59, 60), 0, 'Europe/Berlin')).toBe('2026-01-14');
    });

    it('starts the next study day at local midnight', () => {
      const next = nextStudyDayStart(localAt([2026, 1, 15], 0, 30, -300), 0, 'America/New_York');
      expect(next).toBe(localAt([2026, 1, 16], 0, 0, -300));
      expect(wallClock(next, 'America/New_York')).toEqual({
        date: '2026-01-16',
        hour: 0,
        minute: 0
      });
    });
  });

  describe('for a traveller changing time zone', () => {
    it('maps the same instant to different study days in two zones', () => {
      const at = Date.UTC(2026, 5, 10, 3, 0); // 05:00 in Berlin, 23:00 the evening before in New York
      expect(studyDay(at, 4, 'Europe/Berlin')).toBe('2026-06-10');
      expect(studyDay(at, 4, 'America/New_York')).toBe('2026-06-09');
      expect(studyDay(at, 4, 'Asia/Kolkata')).toBe('2026-06-10');
      expect(studyDay(at, 4, 'UTC')).toBe('2026-06-09');
    });

    it('gives each zone its own end of the study day', () => {
      const at = Date.UTC(2026, 5, 10, 3, 0);
      expect(nextStudyDayStart(at, 4, 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 11, 2));
      expect(nextStudyDayStart(at, 4, 'America/New_York')).toBe(Date.UTC(2026, 5, 10, 8));
    });

    it('can give the same study day twice when flying west after the day has ended', () => {
      // Answered at 21:00 in Berlin, then six hours later in New York it is only 21:00 again.
      const berlin = studyDay(Date.UTC(2026, 5, 10, 19), 4, 'Europe/Berlin');
      const newYork = studyDay(Date.UTC(2026, 5, 11, 1), 4, 'America/New_York');
      expect(berlin).toBe('2026-06-10');
      expect(newYork).toBe('2026-06-10');
    });
  });
});

describe('daylight-saving transitions', () => {
  const transitions: [string, string, string][] = [
    // zone, calendar day of the change, the study day (4 am start) holding the change
    ['America/New_York', '2026-03-08', '2026-03-07'],
    ['America/New_York', '2026-11-01', '2026-10-31'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28'],
    ['Europe/Berlin', '2026-10-25', '2026-10-24']
  ];

  describe.each(transitions)('%s on %s', (zone, changeDay, studyDayWithChange) => {
    const spring = changeDay.slice(5, 7) === '03';
    const hours = spring ? 23 : 25;

    it('starts every study day around the change at 04:00 local time', () => {
      for (const day of [shiftDay(changeDay, -1), changeDay]) {
        const noon = Date.parse(`${day}T12:00:00Z`);
        expect(studyDay(noon, 4, zone)).toBe(day);
        const next = nextStudyDayStart(noon, 4, zone);
        const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + dayMs)
          .toISOString()
          .slice(0, 10);
        expect(wallClock(next, zone)).toEqual({ date: tomorrow, hour: 4, minute: 0 });
        expect(studyDay(next, 4, zone)).toBe(tomorrow);
        expect(studyDay(next - 1, 4, zone)).toBe(day);
      }
    });

    it(`makes the study day holding the change ${hours} hours long`, () => {
      // The clocks change at 2 or 3 am, before the 4 am start: the study day that holds the
      // change is the one labelled with the day before.
      expect(studyDaySpan(studyDayWithChange, 4, zone).hours).toBe(hours);
      expect(studyDaySpan(changeDay, 4, zone).hours).toBe(24);
      expect(studyDaySpan(shiftDay(studyDayWithChange, -1), 4, zone).hours).toBe(24);
    });

    it(`makes the calendar day ${hours} hours long with startHour 0`, () => {
      const { start, hours: length } = studyDaySpan(changeDay, 0, zone);
      expect(wallClock(start, zone)).toEqual({ date: changeDay, hour: 0, minute: 0 });
      expect(length).toBe(hours);
    });

    it('counts the small hours around the change for the study day that holds it', () => {
      const change = studyDaySpan(changeDay, 0, zone).start + 2.5 * hourMs;
      expect(studyDay(change, 4, zone)).toBe(studyDayWithChange);
    });
  });

  it('handles a transition in the southern hemisphere (Auckland, 2026-04-05 and 2026-09-27)', () => {
    expect(studyDaySpan('2026-04-04', 4, 'Pacific/Auckland').hours).toBe(25);
    expect(studyDaySpan('2026-09-26', 4, 'Pacific/Auckland').hours).toBe(23);
    const next = nextStudyDayStart(Date.UTC(2026, 8, 26, 0), 4, 'Pacific/Auckland');
    expect(wallClock(next, 'Pacific/Auckland')).toEqual({ date: '2026-09-27', hour: 4, minute: 0 });
  });

  it('never has a day boundary between study days that disagree, with the default 4 am start', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'];
    let checked = 0;
    for (const zone of zones) {
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 5 * hourMs) {
        const next = nextStudyDayStart(at, 4, zone);
        const ok =
          next > at &&
          studyDay(next, 4, zone) !== studyDay(at, 4, zone) &&
          studyDay(next - 1, 4, zone) === studyDay(at, 4, zone);
        if (!ok) expect.fail(`${zone} at ${new Date(at).toISOString()}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(8000);
  });

  // A start hour the clocks skip (2 am in New York on 2026-03-08): the next day must not
  // begin at 01:00 EST, an instant studyDay still counts for the day before.
  it('starts the next study day after the current one when its start hour is skipped', () => {
    const at = Date.UTC(2026, 2, 7, 12); // 07:00 EST on 2026-03-07
    const next = nextStudyDayStart(at, 2, 'America/New_York');
    expect(studyDay(next, 2, 'America/New_York')).toBe('2026-03-08');
  });

  // A start hour that happens twice (2 am in Berlin on 2026-10-25): the day turns at the
  // first 02:00 (CEST), where studyDay turns, not an hour later at the second.
  it('ends a study day where studyDay begins the next one when the start hour repeats', () => {
    const at = Date.UTC(2026, 9, 24, 12);
    const next = nextStudyDayStart(at, 2, 'Europe/Berlin');
    expect(studyDay(next - 1, 2, 'Europe/Berlin')).toBe('2026-10-24');
  });
});

describe('shiftDay', () => {
  it('steps forward across a month and a year', () => {
    expect(shiftDay('2026-01-31', 1)).toBe('2026-02-01');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('steps back within a month', () => {
    expect(shiftDay('2026-06-15', -1)).toBe('2026-06-14');
  });

  it('steps back across a month boundary', () => {
    expect(shiftDay('2026-05-01', -1)).toBe('2026-04-30');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('steps back across a year boundary', () => {
    expect(shiftDay('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('is not confused by a daylight-saving day', () => {
    expect(shiftDay('2026-03-09', -1)).toBe('2026-03-08');
    expect(shiftDay('2026-10-26', -1)).toBe('2026-10-25');
  });
});

describe('formatInterval', () => {
  it('shows minutes under an hour, at least one', () => {
    expect(formatInterval(0)).toBe('1m');
    expect(formatInterval(20_000)).toBe('1m');
    expect(formatInterval(minuteMs)).toBe('1m');
    expect(formatInterval(10 * minuteMs)).toBe('10m');
    expect(formatInterval(59 * minuteMs)).toBe('59m');
  });

  it('shows hours under a day', () => {
    expect(formatInterval(hourMs)).toBe('1h');
    expect(formatInterval(3 * hourMs)).toBe('3h');
    expect(formatInterval(90 * minuteMs)).toBe('2h');
    expect(formatInterval(23 * hourMs)).toBe('23h');
  });

  it('shows days under a month', () => {
    expect(formatInterval(dayMs)).toBe('1d');
    expect(formatInterval(4 * dayMs)).toBe('4d');
    expect(formatInterval(29 * dayMs)).toBe('29d');
  });

  it('shows months with one decimal under ten, whole above', () => {
    expect(formatInterval(30 * dayMs)).toBe('1mo');
    expect(formatInterval(45 * dayMs)).toBe('1.5mo');
    expect(formatInterval(75 * dayMs)).toBe('2.5mo');
    expect(formatInterval(300 * dayMs)).toBe('10mo');
  });

  it('shows years with one decimal under ten, whole above', () => {
    expect(formatInterval(365 * dayMs)).toBe('1y');
    expect(formatInterval(438 * dayMs)).toBe('1.2y');
    expect(formatInterval(4000 * dayMs)).toBe('11y');
    expect(formatInterval(36500 * dayMs)).toBe('100y');
  });

  it('never shows a negative interval', () => {
    for (const ms of [-1, -minuteMs, -5 * hourMs, -3 * dayMs, -400 * dayMs]) {
      const text = formatInterval(ms);
      expect(text).toBe('1m');
      expect(text.startsWith('-')).toBe(false);
    }
  });
});
