/**
 * Calendar dates as 'YYYY-MM-DD' strings, and the week the booking widget shows. The server fills
 * the widget page with the first week's free times and the widget asks for later weeks with the
 * same dates, so both take them from here.
 */

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function laterDate(a: string, b: string): string {
  return a < b ? b : a;
}

/** The dates a week's view asks for: from today (or the week's Monday, if later) to its Sunday. */
export function weekWindow(week: string, today: string): { from: string; to: string } {
  return { from: laterDate(week, today), to: addDays(week, 6) };
}
