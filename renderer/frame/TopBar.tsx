import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../protocol/api/coreApi';
import type { Settings } from '../../protocol/config/consoleConfig';
import { useConnection } from '../api/coreContext';
import { useNow } from '../hooks/useNow';
import { useSyncStatus } from '../hooks/useSyncStatus';
import { Icon } from './icons';
import { LanguageThemeSwitch } from './LanguageThemeSwitch';

interface TopBarProps {
  info: AppInfo | undefined;
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}

export function TopBar({ info, settings, onChange }: TopBarProps) {
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const now = useNow();
  // The name the center knows this vehicle by wins: the crew and the desk must say the same name.
  const centerName = useSyncStatus()?.centerVehicleName ?? null;
  const localName = info?.vehicleName;
  const name = centerName ?? localName;
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(
    now,
  );
  return (
    <header className="top-bar">
      <div className="brand">
        <Icon name="vehicle" size={26} />
        <div>
          <div className="brand-title">{t('app.title')}</div>
          <div
            className="brand-sub"
            data-testid="vehicle-name"
            title={centerName && localName && centerName !== localName ? t('app.nameHere', { name: localName }) : undefined}
          >
            {name ?? t('app.subtitle')}
          </div>
        </div>
        {info?.demo ? <span className="demo-badge">{t('app.demo')}</span> : null}
      </div>
      <div className="top-bar-right">
        <span className={`core-status ${connection}`} role="status" data-testid="core-status">
          <span className="dot" />
          {t(`core.${connection}`)}
        </span>
        <time className="clock" dateTime={new Date(now).toISOString()}>
          {clock}
        </time>
        <LanguageThemeSwitch
          language={settings.language}
          theme={settings.theme}
          onLanguage={(language) => onChange({ language })}
          onTheme={(theme) => onChange({ theme })}
        />
      </div>
    </header>
  );
}
