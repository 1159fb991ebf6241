import { useTranslation } from 'react-i18next';

/** Night mode's toggle (the tiles dimmed for work in a dark vehicle or room), for the console's and the desk's map toolbars. */
export function NightToggle({ night, setNight, testId }: { night: boolean; setNight: (on: boolean) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" aria-pressed={night} title={t('map.nightTitle')} onClick={() => setNight(!night)} data-testid={testId}>
      {t('map.night')}
    </button>
  );
}
