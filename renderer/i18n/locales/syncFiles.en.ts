/** The Sync view's list of queued files (en). */
export const syncFilesEn = {
  syncFiles: {
    title_one: '{{count}} file waiting',
    title_other: '{{count}} files waiting',
    titleFirst: '{{count}} files waiting (the first {{shown}})',
    kind: {
      photo: 'Photo of {{time}} · {{size}}',
      video: 'Video recording of {{time}} · {{size}}',
      audio: 'Audio recording of {{time}} · {{size}}',
      file: 'File of {{time}} · {{size}}',
    },
    held: '{{percent}} % already at the center',
  },
};
