import type { Person } from './api'

// A name as people compare names: case, spacing and composed/decomposed
// umlauts do not matter ("  petra  BECKER" is „Petra Becker“).
export function nameKey(first: string, last: string): string {
  return `${first} ${last}`.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de')
}

// sameNameInDepartment returns the people of list (other than excludeId)
// with the name first last in the department departmentId (0: none) — the
// possible duplicates a form warns about before saving a person again.
export function sameNameInDepartment(list: Person[], first: string, last: string, departmentId: number, excludeId = 0): Person[] {
  if (!first.trim() || !last.trim()) return []
  const key = nameKey(first, last)
  return list.filter(
    (p) => p.id !== excludeId && (p.departmentId ?? 0) === departmentId && nameKey(p.firstName, p.lastName) === key,
  )
}
