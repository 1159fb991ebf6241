import { useTranslation } from 'react-i18next';
import { Icon } from '../../frame/icons';
import { LanguageThemeSwitch } from '../../frame/LanguageThemeSwitch';
import type { useDeskPrefs } from './useDeskPrefs';
import type { ReactNode } from 'react';

/** The desk's top bar: the center's name, then whatever the session adds (health, staff), language, theme. */
export function DeskTopBar({ prefs, children }: { prefs: ReturnType<typeof useDeskPrefs>; children?: ReactNode }) {
  const { t } = useTranslation();
  const { theme, setTheme, language, setLanguage } = prefs;
  return (
    <header className="top-bar desk-top-bar">
      <div className="brand">
        <Icon name="center" size={26} />
        <div>
          <div className="brand-title">{t('desk.title')}</div>
          <div className="brand-sub">{t('desk.subtitle')}</div>
        </div>
      </div>
      <div className="top-bar-right">
        {children}
        <LanguageThemeSwitch language={language} theme={theme} onLanguage={setLanguage} onTheme={setTheme} />
      </div>
    </header>
  );
}
