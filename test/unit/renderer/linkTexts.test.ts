import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../../renderer/i18n/i18n';
import { en } from '../../../renderer/i18n/locales/en';
import { linkTruthEn } from '../../../renderer/i18n/locales/linkTruth.en';
import { sbdEn } from '../../../renderer/i18n/locales/sbd.en';

describe('link texts', () => {
  it("keeps both the tile's and the Sync view's Iridium texts (one namespace, merged)", async () => {
    await initI18n('en');
    expect(i18next.t('sbd.lastSession')).toBe(en.sbd.lastSession);
    expect(i18next.t('sbd.title')).toBe(sbdEn.sbd.title);
    await i18next.changeLanguage('zh-CN');
    expect(i18next.t('sbd.serviceYes')).not.toBe('sbd.serviceYes');
    expect(i18next.t('linkWhy.probesLost', { count: 3 })).toBe('连续丢失 3 个探测包');
    expect(i18next.t('chart.metric.bars')).toBe('信号格数');
  });

  it('adds namespaces of its own, replacing none of the main texts', () => {
    expect(Object.keys(linkTruthEn).filter((key) => key in en)).toEqual([]);
  });

  it('has chart legends without placeholders', () => {
    expect(Object.values(linkTruthEn.chart.metric).filter((text) => text.includes('{{'))).toEqual([]);
  });
});
