import { useTranslation } from 'react-i18next';
import type { Language, Theme } from '../../protocol/common';
import { LANGUAGE_NAMES } from '../i18n/i18n';
import { Icon } from './icons';

/** The language buttons and the theme toggle at the right of a top bar (the console's and the desk's). */
export function LanguageThemeSwitch(props: {
  language: Language;
  theme: Theme;
  onLanguage: (language: Language) => void;
  onTheme: (theme: Theme) => void;
}) {
  const { t } = useTranslation();
  const toOther = props.theme === 'dark' ? t('settings.toLight') : t('settings.toDark');
  return (
    <>
      <div className="segmented" role="group" aria-label={t('settings.language')}>
        {(['zh-CN', 'en'] as Language[]).map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className={props.language === language ? 'selected' : ''}
            aria-pressed={props.language === language}
            onClick={() => props.onLanguage(language)}
          >
            {LANGUAGE_NAMES[language]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="icon-button"
        data-testid="theme-toggle"
        title={toOther}
        aria-label={toOther}
        onClick={() => props.onTheme(props.theme === 'dark' ? 'light' : 'dark')}
      >
        <Icon name={props.theme === 'dark' ? 'sun' : 'moon'} />
      </button>
    </>
  );
}
