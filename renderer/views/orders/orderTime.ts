/** What an order's deadline means now: minutes left, or minutes overdue (whole minutes, rounded up when left). */
export function deadlineStatus(deadline: number, now: number): { overdue: boolean; minutes: number } {
  const delta = deadline - now;
  return delta >= 0 ? { overdue: false, minutes: Math.ceil(delta / 60_000) } : { overdue: true, minutes: Math.floor(-delta / 60_000) };
}
