import { useTranslation } from 'react-i18next';

export interface Reporter {
  name: string;
  phone: string;
}

/** Who reports is usually the same operator all shift: remembered on this machine. */
const KEY = 'mcv.reports.reporter';

export function readReporter(): Reporter {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Reporter>;
    return { name: typeof saved.name === 'string' ? saved.name : '', phone: typeof saved.phone === 'string' ? saved.phone : '' };
  } catch {
    return { name: '', phone: '' };
  }
}

export function rememberReporter(reporter: Reporter): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(reporter));
  } catch {
    // Private mode or full storage: the next report asks again.
  }
}

/** 报告人 and how to reach them. */
export function ReporterFields({ value, onChange }: { value: Reporter; onChange: (value: Reporter) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('reports.field.reporterName')}
        <input
          maxLength={50}
          value={value.name}
          data-testid="report-reporter"
          onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('reports.field.reporterPhone')}
        <input maxLength={30} inputMode="tel" value={value.phone} onChange={(e) => onChange({ ...value, phone: e.currentTarget.value })} />
      </label>
    </>
  );
}
