/**
 * Splits the body of an AT answer (`+CEREG: 2,1,"2D18","03089F02",7`) into fields.
 * Commas inside double quotes do not split; every field is trimmed (some firmware adds
 * spaces after commas) and loses its quotes. Returns undefined when the line does not
 * start with the prefix.
 */
export function atFields(line: string, prefix: string): string[] | undefined {
  if (!line.startsWith(prefix)) return undefined;
  const body = line.slice(prefix.length).trim();
  if (body === '') return [];
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of body) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  fields.push(current.trim());
  return fields;
}

/** Whether field `index` of the raw body was written in quotes (hex LAC/TAC in registration URCs). */
export function isQuotedField(line: string, prefix: string, index: number): boolean {
  if (!line.startsWith(prefix)) return false;
  let fieldIndex = 0;
  let quoted = false;
  let sawQuote = false;
  for (const char of line.slice(prefix.length)) {
    if (char === '"') {
      quoted = !quoted;
      if (fieldIndex === index) sawQuote = true;
    } else if (char === ',' && !quoted) {
      if (fieldIndex === index) return sawQuote;
      fieldIndex++;
    }
  }
  return fieldIndex === index && sawQuote;
}

/** A decimal integer field, or undefined for empty, `-` or anything not a plain integer. */
export function intField(field: string | undefined): number | undefined {
  if (field === undefined || !/^[-+]?\d{1,10}$/.test(field)) return undefined;
  return Number(field);
}

/** A decimal number field (`-10.5`), or undefined. */
export function numberField(field: string | undefined): number | undefined {
  if (field === undefined || !/^[-+]?\d{1,10}(\.\d{1,6})?$/.test(field)) return undefined;
  return Number(field);
}
