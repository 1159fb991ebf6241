import { describe, expect, it } from 'vitest';
import { deskIridiumEn } from '../../../../renderer/i18n/locales/deskIridium.en';
import { deskIridiumZhCN } from '../../../../renderer/i18n/locales/deskIridium.zh-CN';
import { viaTooltipLines } from '../../../../renderer/desk/common/viaText';
import { moStatusText, mtAnswerText } from '../../../../renderer/desk/vehicle/iridiumText';
import { MT_CONFIRMATION_CODES, MO_SESSION_STATUS } from '../../../../protocol/sbd/directIpStatus';

const NOW = new Date(2026, 11, 6, 15, 0, 0).getTime();

/** Looks a `desk.…` key up in a locale object the way i18next does (dots are levels). */
function lookUp(texts: object, key: string): unknown {
  return key
    .replace(/^desk\./, '')
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
}

describe('the gateway’s MT answer in words', () => {
  it('says the queue position, no answer yet, no confirmation, and each refusal by its code', () => {
    expect(mtAnswerText({ state: 'queued', status: 2, code: 'queued' })).toEqual({
      key: 'desk.iridium.mt.queued',
      values: { position: 2 },
      tone: 'info',
    });
    expect(mtAnswerText({ state: 'sending', status: null, code: null })).toMatchObject({ key: 'desk.iridium.mt.sending', tone: 'unknown' });
    expect(mtAnswerText({ state: 'failed', status: null, code: 'no-confirmation' })).toMatchObject({
      key: 'desk.iridium.mt.failed',
      tone: 'degraded',
    });
    expect(mtAnswerText({ state: 'refused', status: -2, code: 'unknown-imei' })).toEqual({
      key: 'desk.iridium.mt.refused.unknown-imei',
      values: {},
      tone: 'down',
    });
    expect(mtAnswerText({ state: 'refused', status: -99, code: 'unknown-status' })).toEqual({
      key: 'desk.iridium.mt.refused.unknown',
      values: { status: -99 },
      tone: 'down',
    });
  });

  it('has words in en and zh-CN for every refusal code the center can send', () => {
    for (const [status, code] of Object.entries(MT_CONFIRMATION_CODES)) {
      const { key } = mtAnswerText({ state: 'refused', status: Number(status), code });
      expect(key).toBe(`desk.iridium.mt.refused.${code}`);
      expect(typeof lookUp(deskIridiumEn, key)).toBe('string');
      expect(typeof lookUp(deskIridiumZhCN, key)).toBe('string');
    }
    expect(lookUp(deskIridiumEn, 'desk.iridium.mt.refused.unknown-imei')).toBe('Refused: IMEI unknown to the gateway (not provisioned)');
    expect(lookUp(deskIridiumZhCN, 'desk.iridium.mt.refused.unknown-imei')).toBe('被拒：网关不认识这个 IMEI（未开通）');
  });
});

describe('an MO session’s status in words', () => {
  it('has a word for every status of the reference, with the tone of its outcome, and the number for others', () => {
    for (const status of Object.keys(MO_SESSION_STATUS).map(Number)) {
      const text = moStatusText(status);
      expect(text.key).toBe(`desk.iridium.moStatus.${status}`);
      expect(typeof lookUp(deskIridiumEn, text.key)).toBe('string');
      expect(typeof lookUp(deskIridiumZhCN, text.key)).toBe('string');
    }
    expect(moStatusText(0).tone).toBe('up');
    expect(moStatusText(2).tone).toBe('degraded');
    expect(moStatusText(13).tone).toBe('down');
    expect(moStatusText(33)).toEqual({ key: 'desk.iridium.moStatus.unknown', values: { status: 33 }, tone: 'down' });
  });
});

describe('the "by Iridium" tooltip', () => {
  const sbd = { path: 'sbd' as const, cdrReference: 9, momsn: 42, sessionAt: NOW - 60_000, otherPathAt: null };

  it('is only for items that came by SBD', () => {
    expect(viaTooltipLines(undefined, NOW)).toBeNull();
    expect(viaTooltipLines({ ...sbd, path: 'ip', cdrReference: null, momsn: null, sessionAt: null }, NOW)).toBeNull();
  });

  it('names the MOMSN and session time, and when the IP copy came too', () => {
    expect(viaTooltipLines(sbd, NOW)).toEqual([{ key: 'desk.via.sbd', values: { momsn: 42, time: '14:59' } }]);
    expect(viaTooltipLines({ ...sbd, otherPathAt: NOW - 30_000 }, NOW)).toEqual([
      { key: 'desk.via.sbd', values: { momsn: 42, time: '14:59' } },
      { key: 'desk.via.otherIp', values: { time: '14:59' } },
    ]);
  });
});
