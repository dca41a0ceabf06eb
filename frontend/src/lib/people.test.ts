import { describe, expect, it } from 'vitest'
import type { Person } from './api'
import { sameNameInDepartment } from './people'

const person = (id: number, firstName: string, lastName: string, departmentId: number) =>
  ({ id, firstName, lastName, departmentId }) as Person

describe('sameNameInDepartment', () => {
  const list = [person(1, 'Petra', 'Becker', 3), person(2, 'Petra', 'Becker', 4), person(3, 'Jürgen', 'Müller', 3), person(4, 'Petra', 'Beck', 3)]
  it('finds the same name in the same department, whatever the case and spacing', () => {
    expect(sameNameInDepartment(list, '  petra ', 'BECKER', 3).map((p) => p.id)).toEqual([1])
    expect(sameNameInDepartment(list, 'Ju\u0308rgen', 'müller', 3).map((p) => p.id)).toEqual([3])
  })
  it('ignores the person being edited, other departments and half-typed names', () => {
    expect(sameNameInDepartment(list, 'Petra', 'Becker', 3, 1)).toEqual([])
    expect(sameNameInDepartment(list, 'Petra', 'Becker', 5)).toEqual([])
    expect(sameNameInDepartment(list, 'Petra', '', 3)).toEqual([])
  })
})
