import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/locales/en';
import { zhCN } from '../../../renderer/i18n/locales/zh-CN';
import { formatAge, formatDuration, formatSigned } from '../../../renderer/views/links/format';

const t = i18next.createInstance();

beforeAll(async () => {
  await t.init({
    lng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
});

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('UI texts', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    expect(keys(zhCN).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zhCN) === '')).toEqual([]);
  });

  it('formats ages in both languages', async () => {
    await t.changeLanguage('en');
    expect(formatAge(t.t, 500)).toBe('just now');
    expect(formatAge(t.t, 12_400)).toBe('12 s ago');
    expect(formatAge(t.t, 5 * 60_000)).toBe('5 min ago');
    expect(formatAge(t.t, 3 * 3_600_000)).toBe('3 h ago');
    await t.changeLanguage('zh-CN');
    expect(formatAge(t.t, 12_400)).toBe('12 秒前');
    expect(formatDuration(t.t, 125 * 60_000)).toBe('2 小时 5 分钟');
  });

  it('prints negative numbers with a true minus sign', () => {
    expect(formatSigned(-86)).toBe('\u221286');
    expect(formatSigned(14)).toBe('14');
    expect(formatSigned(-17.84, 1)).toBe('\u221217.8');
  });
});
