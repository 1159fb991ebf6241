import { useTranslation } from 'react-i18next';

/** In the order composer: the incident the order is about (it travels with the order), removable. */
export function OrderIncidentChip({ title, onRemove }: { title: string; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="order-incident" data-testid="order-incident">
      <span>{t('desk.incidents.orderAbout', { title })}</span>
      <button type="button" className="link-button" onClick={onRemove} aria-label={t('desk.incidents.orderAboutRemove')}>
        ×
      </button>
    </p>
  );
}
