import { useTranslation } from 'react-i18next';
import { useAlerts } from '../hooks/useAlerts';
import { Icon } from './icons';

/** Problems the operator must know about, above every view, until the core clears them. */
export function AlertBanner() {
  const { t } = useTranslation();
  const alerts = useAlerts();
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" role="alert">
      {alerts.map((alert) => (
        <div key={alert.id} className={`alert ${alert.severity}`}>
          <Icon name="alert" size={18} />
          <span>{t(`alert.${alert.code}`, { detail: alert.detail ?? '' })}</span>
        </div>
      ))}
    </div>
  );
}
