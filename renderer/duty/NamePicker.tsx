import type { DutyName } from '../../protocol/api/duty';

/** A name from the directory (a list to pick from) or typed freely. */
export function NamePicker({
  id,
  label,
  value,
  onChange,
  names,
  required = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  names: DutyName[];
  required?: boolean;
}) {
  return (
    <label className="duty-field" htmlFor={id}>
      <span>{label}</span>
      <input id={id} list={`${id}-names`} value={value} maxLength={50} required={required} onChange={(e) => onChange(e.target.value)} />
      <datalist id={`${id}-names`}>
        {names.map((n) => (
          <option key={n.name} value={n.name}>
            {n.role}
          </option>
        ))}
      </datalist>
    </label>
  );
}
