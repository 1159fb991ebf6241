import { describe, expect, it } from 'vitest';
import { LinkReasonCode } from '../../../protocol/links/linkStatus';
import { en } from '../../../renderer/i18n/locales/en';
import { zhCN } from '../../../renderer/i18n/locales/zh-CN';

describe('link reasons as the tiles show them', () => {
  it('has a text for every reason code in en and zh-CN (a tile always says why)', () => {
    for (const texts of [en.reason, zhCN.reason] as Array<Record<string, string | undefined>>) {
      const missing = LinkReasonCode.options.filter((code) => !texts[code]);
      expect(missing).toEqual([]);
    }
  });

  it('says an estimated or simulated GNSS fix is not a measured position', () => {
    expect([en.reason['fix-estimated'], en.reason['fix-simulated']]).toEqual([
      'Estimated fix, not measured',
      'Simulated fix, not a real position',
    ]);
    expect([zhCN.reason['fix-estimated'], zhCN.reason['fix-simulated']]).toEqual(['推算定位，非实测', '模拟定位，非真实位置']);
  });
});
