/** "14:03" today, "11-27 14:03" on another day, in the UI's locale. */
export function formatClock(ms: number, now: number, language: string): string {
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (sameDay) return time;
  return `${date.toLocaleDateString(language, { month: '2-digit', day: '2-digit' })} ${time}`;
}

/** "340 B", "12.5 KB", "4.8 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
