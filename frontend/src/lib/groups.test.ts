import { describe, expect, it } from 'vitest'
import { attendance, matches, moduleDefault, newestFirst, openPoints } from './groups'

describe('groups helpers', () => {
  it('sorts sessions newest first, by date then time then id', () => {
    const list = [
      { id: 1, date: '2026-01-05', startTime: '09:00' },
      { id: 2, date: '2026-02-01', startTime: '08:00' },
      { id: 3, date: '2026-02-01', startTime: '10:00' },
      { id: 4, date: '2026-01-05', startTime: '09:00' },
    ]
    expect(newestFirst(list).map((s) => s.id)).toEqual([3, 2, 4, 1])
    expect(list[0].id).toBe(1)
  })

  it('counts attendance', () => {
    expect(attendance({ id: 1, date: '', startTime: '', participants: [{ present: true }, { present: false }] })).toEqual({ present: 1, total: 2 })
    expect(attendance({ id: 1, date: '', startTime: '', participants: null })).toEqual({ present: 0, total: 0 })
  })

  it('names what is still open for a participant', () => {
    expect(openPoints({ percent: 100, requiredPercent: 80, attendanceMet: true, projectMet: true, completed: true })).toEqual([])
    expect(openPoints({ percent: 60, requiredPercent: 80, attendanceMet: false, projectMet: false, completed: false })).toEqual([
      { key: 'attendance', params: { percent: 60, required: 80 } },
      { key: 'project', params: {} },
    ])
    expect(openPoints({ percent: 90, requiredPercent: 80, attendanceMet: true, projectMet: false, completed: false })).toEqual([{ key: 'project', params: {} }])
  })

  it('picks the first module without a session', () => {
    const modules = [{ id: 7 }, { id: 8 }, { id: 9 }]
    expect(moduleDefault(modules, [{ moduleId: 7 }])).toBe(8)
    expect(moduleDefault(modules, [{ moduleId: 7 }, { moduleId: 8 }, { moduleId: 9 }])).toBe(7)
    expect(moduleDefault([], [])).toBe(0)
  })

  it('matches names case- and umlaut-insensitively', () => {
    expect(matches('Müller, Anna', 'mull')).toBe(true)
    expect(matches('Müller, Anna', 'MUELL')).toBe(true)
    expect(matches('Straßburger', 'strass')).toBe(true)
    expect(matches('Weber', 'mü')).toBe(false)
    expect(matches('Weber', ' ')).toBe(true)
  })
})
