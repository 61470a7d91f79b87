/**
 * An interview date as typed ("2027-01-15") made into the instant readiness is judged at: noon
 * on that day, local time. The one place that does this; undefined for anything else.
 */
export function interviewInstant(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = Date.parse(`${date}T12:00:00`);
  return Number.isNaN(at) ? undefined : at;
}
