import { useTranslation } from 'react-i18next';
import { entryProblems, type DirectoryEntry } from './directoryDraft';

const ROLES = ['team', 'expert', 'supplies', 'contact'] as const;

/** The draft directory as an editable table: name, role (team, expert, supplies, contact or free text), contact. */
export function DirectoryTable({ entries, onChange }: { entries: DirectoryEntry[]; onChange: (entries: DirectoryEntry[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<DirectoryEntry>) => onChange(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <>
      <datalist id="directory-roles">
        {ROLES.map((r) => (
          <option key={r} value={t(`desk.directory.roles.${r}`)} />
        ))}
      </datalist>
      <table className="desk-table directory-table">
        <thead>
          <tr>
            <th scope="col">{t('desk.directory.name')}</th>
            <th scope="col">{t('desk.directory.role')}</th>
            <th scope="col">{t('desk.directory.contact')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('desk.directory.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => {
            const problems = entryProblems(entry);
            return (
              <tr key={i} data-testid="directory-row">
                <td>
                  <input
                    className="desk-input"
                    value={entry.name}
                    maxLength={100}
                    aria-label={t('desk.directory.name')}
                    aria-invalid={problems.length > 0 ? true : undefined}
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                  {problems.length > 0 ? (
                    <div className="field-problem">{problems.map((p) => t(`desk.directory.problem.${p}`)).join(' ')}</div>
                  ) : null}
                </td>
                <td>
                  <input
                    className="desk-input"
                    list="directory-roles"
                    value={entry.role}
                    maxLength={100}
                    aria-label={t('desk.directory.role')}
                    onChange={(e) => set(i, { role: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="desk-input"
                    value={entry.contact}
                    maxLength={200}
                    aria-label={t('desk.directory.contact')}
                    onChange={(e) => set(i, { contact: e.target.value })}
                  />
                </td>
                <td>
                  <button type="button" className="small" onClick={() => onChange(entries.filter((_, j) => j !== i))}>
                    {t('desk.directory.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
