import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../protocol/common';

export type DeskTheme = 'dark' | 'light';

const THEME_KEY = 'mcv-desk-theme';
const LANGUAGE_KEY = 'mcv-desk-language';

/** The desk's theme and language, kept in this browser (the desk has no console core to keep settings). */
export function useDeskPrefs(): {
  theme: DeskTheme;
  setTheme: (theme: DeskTheme) => void;
  language: Language;
  setLanguage: (l: Language) => void;
} {
  const { i18n } = useTranslation();
  const [theme, setTheme] = useState<DeskTheme>(() => (localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark'));
  const [language, setLanguage] = useState<Language>(() => {
    const kept = localStorage.getItem(LANGUAGE_KEY);
    return kept === 'en' || kept === 'zh-CN' ? kept : i18n.language === 'en' ? 'en' : 'zh-CN';
  });

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(LANGUAGE_KEY, language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  return { theme, setTheme, language, setLanguage };
}
