/** C0 control characters and DEL, which a device may send in a name or an operator string. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Device-given text, cleaned of control characters and cut to `max` characters. */
export function printable(text: string, max: number): string {
  return text.replace(CONTROL, ' ').trim().slice(0, max);
}
