import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CoreApiError } from '../../../protocol/api/errors';
import { MapFileProblem } from '../../../protocol/api/mapProblems';
import { storedProblem, storedProblemCode } from '../../../protocol/api/syncProblems';
import { MediaStateCode } from '../../../protocol/sync/mediaState';
import { shownError } from '../../../renderer/i18n/errorText';
import { lastTryText } from '../../../renderer/i18n/lastTryText';
import { deskEn } from '../../../renderer/i18n/locales/desk.en';
import { deskZhCN } from '../../../renderer/i18n/locales/desk.zh-CN';
import { en } from '../../../renderer/i18n/locales/en';
import { zhCN } from '../../../renderer/i18n/locales/zh-CN';
import { mediaStateText } from '../../../renderer/i18n/mediaStateText';

/** Errors that come from the core or the center are shown by their code, in the UI's language; their English is detail. */
describe('errors and states shown by code', () => {
  beforeAll(async () => {
    await i18next.init({
      lng: 'zh-CN',
      resources: {
        en: { translation: { ...en, desk: { ...en.desk, ...deskEn } } },
        'zh-CN': { translation: { ...zhCN, desk: { ...zhCN.desk, ...deskZhCN } } },
      },
      returnNull: false,
      interpolation: { escapeValue: false },
    });
  });

  it('has an en and a zh-CN text for every map file problem and every media state', () => {
    const keys = [...MapFileProblem.options.map((c) => `errors.map.${c}`), ...MediaStateCode.options.map((c) => `errors.media.${c}`)];
    for (const lng of ['en', 'zh-CN']) {
      for (const key of keys) expect(i18next.t(key, { lng }), `${lng} ${key}`).not.toBe(key);
    }
  });

  it("shows a map file's problem by its code, the core's reason as detail", () => {
    const error = new CoreApiError({
      code: 'BAD_REQUEST',
      message: 'area.mbtiles: its tiles are "pbf" (vector tiles); …',
      problem: 'not-raster',
    });
    expect(shownError(error)).toEqual({ key: 'errors.map.not-raster', detail: error.message });
    expect(i18next.t(shownError(error).key)).toBe('只有栅格瓦片（png、jpg、webp）可作底图；此文件为矢量或其他瓦片');
    const unknown = new CoreApiError({ code: 'BAD_REQUEST', message: 'x', problem: 'no-such-problem' });
    expect(shownError(unknown).key).toBe('errors.api.BAD_REQUEST');
  });

  it("shows the center's media state by code, and an older center's reason inside the generic text", () => {
    const t = i18next.getFixedT('zh-CN');
    expect(
      mediaStateText(t, { on: false, reason: 'mediasoup 3.32.2 is installed without its worker binary', code: 'mediasoup-missing' }),
    ).toBe('实时视频未开启：指挥中心未安装 mediasoup');
    expect(mediaStateText(t, { on: true, reason: null, code: 'loopback-defaults' })).toBe(
      i18next.t('desk.health.mediaOn', { lng: 'zh-CN' }),
    );
    expect(mediaStateText(i18next.getFixedT('en'), { on: false, reason: 'the config has no "media" section' })).toBe(
      'Live video off: the config has no "media" section',
    );
  });

  it("keeps a failed try's code with its message, and shows the try by the code", () => {
    const stored = storedProblem('unreachable', 'connect ECONNREFUSED 10.0.0.7:7000');
    expect(stored).toBe('unreachable: connect ECONNREFUSED 10.0.0.7:7000');
    expect(storedProblemCode(stored)).toBe('unreachable');
    expect(storedProblemCode('upload-incomplete: the center holds 0 of 2048 bytes')).toBe('upload-incomplete');
    expect(storedProblemCode('connect ECONNREFUSED 10.0.0.7:7000')).toBeNull();
    expect(storedProblemCode('Error: boom')).toBeNull();
    expect(storedProblemCode(null)).toBeNull();
    const t = i18next.getFixedT('zh-CN');
    expect(lastTryText(t, { lastError: stored, lastErrorCode: 'unreachable' })).toBe('无法连接指挥中心');
    expect(lastTryText(t, { lastError: 'an old row', lastErrorCode: null })).toBe('an old row');
    expect(lastTryText(t, { lastError: null })).toBe('');
  });
});
