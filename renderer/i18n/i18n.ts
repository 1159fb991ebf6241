import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../protocol/common';
import { deskEn } from './locales/desk.en';
import { deskZhCN } from './locales/desk.zh-CN';
import { deskIridiumEn } from './locales/deskIridium.en';
import { deskIridiumZhCN } from './locales/deskIridium.zh-CN';
import { dutyEn } from './locales/duty.en';
import { dutyZhCN } from './locales/duty.zh-CN';
import { en } from './locales/en';
import { linkTruthEn } from './locales/linkTruth.en';
import { linkTruthZhCN } from './locales/linkTruth.zh-CN';
import { incidentsDeskEn } from './locales/incidents.desk.en';
import { incidentsDeskZhCN } from './locales/incidents.desk.zh-CN';
import { mapEn } from './locales/map.en';
import { mapZhCN } from './locales/map.zh-CN';
import { sbdEn } from './locales/sbd.en';
import { sbdZhCN } from './locales/sbd.zh-CN';
import { syncFilesEn } from './locales/syncFiles.en';
import { syncFilesZhCN } from './locales/syncFiles.zh-CN';
import { videoEn } from './locales/video.en';
import { videoZhCN } from './locales/video.zh-CN';
import { zhCN } from './locales/zh-CN';

/** zh-CN and en, switchable at run time; the choice is a setting kept by the core. The desk's texts join under `desk`. */
export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['zh-CN', 'en'],
    resources: {
      en: {
        translation: {
          ...en,
          ...dutyEn,
          ...mapEn,
          ...sbdEn,
          ...syncFilesEn,
          ...videoEn,
          ...linkTruthEn,
          // The tile's Iridium texts (en.sbd) and the Sync view's (sbdEn.sbd) share one namespace: merged, not replaced.
          sbd: { ...en.sbd, ...sbdEn.sbd },
          desk: { ...en.desk, ...deskEn, ...incidentsDeskEn, ...deskIridiumEn },
        },
      },
      'zh-CN': {
        translation: {
          ...zhCN,
          ...dutyZhCN,
          ...mapZhCN,
          ...sbdZhCN,
          ...syncFilesZhCN,
          ...videoZhCN,
          ...linkTruthZhCN,
          sbd: { ...zhCN.sbd, ...sbdZhCN.sbd },
          desk: { ...zhCN.desk, ...deskZhCN, ...incidentsDeskZhCN, ...deskIridiumZhCN },
        },
      },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };
