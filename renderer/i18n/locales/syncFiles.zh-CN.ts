/** The Sync view's list of queued files (zh-CN). */
export const syncFilesZhCN = {
  syncFiles: {
    title_other: '待发文件 {{count}} 个',
    titleFirst: '待发文件 {{count}} 个（列出前 {{shown}} 个）',
    kind: {
      photo: '{{time}} 的照片 · {{size}}',
      video: '{{time}} 的视频录像 · {{size}}',
      audio: '{{time}} 的录音 · {{size}}',
      file: '{{time}} 的文件 · {{size}}',
    },
    held: '中心已收到 {{percent}}%',
  },
};
