import { DirectoryBody } from '../../../protocol/sync/items';

export type DirectoryEntry = DirectoryBody['entries'][number];

const KEY = 'mcv-desk-directory-draft';

/** The directory being prepared, kept in this browser until sent (the center keeps no copy to edit). */
export function loadDraft(): DirectoryEntry[] {
  try {
    const parsed = DirectoryBody.shape.entries.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function saveDraft(entries: readonly DirectoryEntry[]): void {
  localStorage.setItem(KEY, JSON.stringify(entries));
}

export type EntryProblem = 'name-missing' | 'name-long' | 'role-long' | 'contact-long';

/** What is wrong with one entry, if anything (the limits of the protocol). */
export function entryProblems(entry: DirectoryEntry): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (!entry.name.trim()) problems.push('name-missing');
  if (entry.name.length > 100) problems.push('name-long');
  if (entry.role.length > 100) problems.push('role-long');
  if (entry.contact.length > 200) problems.push('contact-long');
  return problems;
}

/** The entries as sent: trimmed, blank rows dropped. */
export function cleanEntries(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  return entries
    .map((e) => ({ name: e.name.trim(), role: e.role.trim(), contact: e.contact.trim() }))
    .filter((e) => e.name || e.role || e.contact);
}
