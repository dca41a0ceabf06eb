import { describe, expect, it } from 'vitest'
import { hitTarget, totalHits } from './search'
import type { SearchResults } from './api'

describe('hitTarget', () => {
  it('opens a person', () => {
    expect(hitTarget({ kind: 'person', refId: 3, tandemId: 0, sessionId: 0 })).toEqual({ path: '/personen', query: { person: '3' } })
  })
  it('opens a tandem', () => {
    expect(hitTarget({ kind: 'tandem', refId: 4, tandemId: 4, sessionId: 0 })).toEqual({ path: '/tandems', query: { tandem: '4' } })
  })
  it('opens the session of a note', () => {
    expect(hitTarget({ kind: 'note', refId: 9, tandemId: 4, sessionId: 7 })).toEqual({ path: '/gespraeche', query: { tandem: '4', session: '7' } })
  })
  it('opens a group session by itself', () => {
    expect(hitTarget({ kind: 'agreement', refId: 5, tandemId: 0, sessionId: 8 })).toEqual({ path: '/gespraeche', query: { session: '8' } })
  })
  it('opens only the tandem without a session', () => {
    expect(hitTarget({ kind: 'feedback', refId: 2, tandemId: 4, sessionId: 0 })).toEqual({ path: '/gespraeche', query: { tandem: '4' } })
  })
})

describe('totalHits', () => {
  it('counts groups with null hits as empty', () => {
    const r = {
      query: 'x',
      people: { hits: [{}], more: false },
      tandems: { hits: null, more: false },
      notes: { hits: [{}, {}], more: true },
      agreements: { hits: [], more: false },
      feedback: { hits: null, more: false },
    } as unknown as SearchResults
    expect(totalHits(r)).toBe(3)
  })
})
