/** Device-given text, cleaned of control characters and cut to `max` characters. */
export function printable(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
