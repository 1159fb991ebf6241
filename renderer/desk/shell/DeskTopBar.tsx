import { useTranslation } from 'react-i18next';
import type { Language } from '../../../protocol/common';
import { LANGUAGE_NAMES } from '../../i18n/i18n';
import { DeskIcon } from '../common/deskIcons';
import type { useDeskPrefs } from './useDeskPrefs';
import type { ReactNode } from 'react';

/** The desk's top bar: the center's name, then whatever the session adds (health, staff), language, theme. */
export function DeskTopBar({ prefs, children }: { prefs: ReturnType<typeof useDeskPrefs>; children?: ReactNode }) {
  const { t } = useTranslation();
  const { theme, setTheme, language, setLanguage } = prefs;
  const toOther = theme === 'dark' ? t('settings.toLight') : t('settings.toDark');
  return (
    <header className="top-bar desk-top-bar">
      <div className="brand">
        <DeskIcon name="center" size={26} />
        <div>
          <div className="brand-title">{t('desk.title')}</div>
          <div className="brand-sub">{t('desk.subtitle')}</div>
        </div>
      </div>
      <div className="top-bar-right">
        {children}
        <div className="segmented" role="group" aria-label={t('settings.language')}>
          {(['zh-CN', 'en'] as Language[]).map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={language === l}
              className={language === l ? 'selected' : ''}
              onClick={() => setLanguage(l)}
            >
              {LANGUAGE_NAMES[l]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="icon-button"
          data-testid="theme-toggle"
          title={toOther}
          aria-label={toOther}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          <DeskIcon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
      </div>
    </header>
  );
}
