/** One Server-Sent Events frame: its `event` name (default `message`), `data` lines joined by `\n`, and `id` when it had one. */
export interface SseFrame {
  event: string;
  data: string;
  id: string | undefined;
}

/** A line longer than this is not a feed's (ours are a few KiB at most): the stream is broken. */
const MAX_PENDING = 4 * 1024 * 1024;

/**
 * Splits a text stream into SSE frames (the WHATWG event-stream rules: lines end in CRLF,
 * LF or CR, a blank line dispatches, `:` starts a comment, one space after the colon is
 * dropped). Chunks may cut lines anywhere, a CRLF included. Throws only when a line grows
 * past MAX_PENDING, so a stream that never ends a line cannot fill the desk's memory.
 */
export class SseParser {
  #pending = '';
  #skipLf = false;
  #event = '';
  #data: string[] = [];
  #id: string | undefined;

  push(text: string): SseFrame[] {
    const frames: SseFrame[] = [];
    let buffer = this.#pending + text;
    let start = 0;
    if (this.#skipLf && buffer.startsWith('\n')) start = 1;
    this.#skipLf = false;
    for (let i = start; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#line(buffer.slice(start, i), frames);
      if (c === 13) {
        if (i + 1 === buffer.length) this.#skipLf = true;
        else if (buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > MAX_PENDING) throw new Error('the feed sent a line longer than 4 MiB');
    this.#pending = buffer;
    return frames;
  }

  #line(line: string, frames: SseFrame[]): void {
    if (line === '') {
      if (this.#data.length > 0 || this.#id !== undefined)
        frames.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id });
      this.#event = '';
      this.#data = [];
      this.#id = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }
}
