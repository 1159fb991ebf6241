import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorCode, CoreApiError } from '../../../protocol/api/errors';
import { SyncProblemCode } from '../../../protocol/api/syncProblems';
import { DeskApiError } from '../../../renderer/desk/DeskApiError';
import { shownError, syncProblemKey } from '../../../renderer/i18n/errorText';
import { en } from '../../../renderer/i18n/locales/en';
import { zhCN } from '../../../renderer/i18n/locales/zh-CN';

const allProblemCodes = SyncProblemCode.options.flatMap((option) => option.options);

describe('errors as the UI shows them', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'zh-CN', resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, returnNull: false });
  });

  it('translates every code of the console API and of the sync path, in both languages', () => {
    const keys = [...ApiErrorCode.options.map((c) => `errors.api.${c}`), ...allProblemCodes.map((c) => syncProblemKey(c)!)];
    for (const lng of ['en', 'zh-CN']) {
      for (const key of keys) expect(i18next.t(key, { lng }), `${lng} ${key}`).not.toBe(key);
    }
    expect(i18next.t('errors.center.unreachable', { lng: 'zh-CN' })).toBe('无法连接指挥中心');
  });

  it("keeps the core's and the center's English message as detail only", () => {
    const fromCore = shownError(new CoreApiError({ code: 'STORE_UNAVAILABLE', message: 'Database /d/x.db: the disk is full' }));
    expect(fromCore).toEqual({ key: 'errors.api.STORE_UNAVAILABLE', detail: 'Database /d/x.db: the disk is full' });
    expect(shownError(new DeskApiError(401, 'unauthorized', 'a valid bearer token is required'))).toEqual({
      key: 'errors.center.unauthorized',
      detail: 'a valid bearer token is required',
    });
  });

  it('falls back to what failed when an error has no known code', () => {
    expect(shownError(new DOMException('Permission denied', 'NotAllowedError'), 'video.cameraFailed')).toEqual({
      key: 'video.cameraFailed',
      detail: 'Permission denied',
    });
    expect(shownError(Object.assign(new Error('x'), { code: 'NOT-A-CODE' }))).toEqual({ key: 'errors.unexpected', detail: 'x' });
    expect(syncProblemKey('refused')).toBeUndefined();
  });
});
