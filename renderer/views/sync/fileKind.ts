/** What a queued file is, for a person: a photo, a video or audio recording, or another file (by its MIME type). */
export type FileKind = 'photo' | 'video' | 'audio' | 'file';

export function fileKind(mime: string): FileKind {
  const type = mime.split('/')[0]?.toLowerCase();
  return type === 'image' ? 'photo' : type === 'video' ? 'video' : type === 'audio' ? 'audio' : 'file';
}

/** The share of a file the center holds, in whole percent (0 for an empty file). */
export function heldPercent(confirmed: number, bytes: number): number {
  return bytes > 0 ? Math.min(100, Math.floor((confirmed * 100) / bytes)) : 0;
}
