import { describe, expect, it } from 'vitest'
import type { PlanItem, Topic } from './api'
import {
  dateRange, groupItems, kindKey, knowledgeMap, linesToList, listErrorKey, listToLines, move, movePhase, personName,
  progressPercent, removePhase, responsibleMap, sortForPlan, tandemActions,
} from './programmes'

function item(id: number, position: number, phase: number): PlanItem {
  return {
    id, position, phase, title: `T${id}`, description: '', legalReference: '', checklist: [], startDate: '', dueDate: '',
    responsibleId: 0, responsibleName: '', status: 'open', priorKnowledge: 'none', adjustmentNote: '', overdue: false,
  }
}

function topic(title: string, phase: number): Topic {
  return { title, phase, description: '', legalReference: '', startWeek: 0, endWeek: 0, responsibleRole: '', checklist: [], speaker: '', kind: '' }
}

describe('checklist text', () => {
  it('reads one entry per line, trimmed, without empty lines', () => {
    expect(linesToList('  Akten anlegen \n\n§ 8a-Verfahren kennen\r\nTeam vorstellen\r')).toEqual(['Akten anlegen', '§ 8a-Verfahren kennen', 'Team vorstellen'])
    expect(linesToList('')).toEqual([])
    expect(linesToList('   \n \n')).toEqual([])
  })
  it('shows a list as lines and round-trips', () => {
    const list = ['Erstes „Gespräch“', 'Zweites']
    expect(listToLines(list)).toBe('Erstes „Gespräch“\nZweites')
    expect(linesToList(listToLines(list))).toEqual(list)
    expect(listToLines(null)).toBe('')
  })
})

describe('kindKey', () => {
  it('names the known kinds only', () => {
    expect(kindKey('onboarding')).toBe('kinds.onboarding')
    expect(kindKey('secondment')).toBe('kinds.secondment')
    expect(kindKey('party')).toBe('')
    expect(kindKey('')).toBe('')
  })
})

describe('progressPercent', () => {
  it('takes the percent from Go, clamped', () => {
    expect(progressPercent({ done: 3, total: 10, percent: 30 })).toBe(30)
    expect(progressPercent({ done: 10, total: 10, percent: 100 })).toBe(100)
    expect(progressPercent({ done: 1, total: 1, percent: 140 })).toBe(100)
  })
  it('is 0 when there is nothing to do or no progress at all', () => {
    expect(progressPercent({ done: 0, total: 0, percent: 0 })).toBe(0)
    expect(progressPercent(null)).toBe(0)
    expect(progressPercent(undefined)).toBe(0)
  })
  it('computes when the percent is missing', () => {
    expect(progressPercent({ done: 1, total: 3 } as never)).toBe(33)
  })
})

describe('dateRange', () => {
  it('shows a period in German', () => {
    expect(dateRange('2027-03-01', '2027-08-31')).toBe('01.03.2027 – 31.08.2027')
    expect(dateRange('2027-03-01', '')).toBe('01.03.2027')
    expect(dateRange('', '2027-08-31')).toBe('– 31.08.2027')
    expect(dateRange('', '')).toBe('')
  })
})

describe('groupItems', () => {
  it('groups by phase in phase order, by position inside, phaseless last', () => {
    const phases = [{ name: 'Ankommen', description: '' }, { name: 'Vertiefen', description: '' }]
    const groups = groupItems([item(1, 3, 1), item(2, 1, 0), item(3, 2, -1), item(4, 0, 1), item(5, 4, 7)], phases)
    expect(groups.map((g) => [g.phase, g.name, g.items.map((i) => i.id)])).toEqual([
      [0, 'Ankommen', [2]],
      [1, 'Vertiefen', [4, 1]],
      [-1, '', [3, 5]],
    ])
  })
  it('leaves out empty phases and copes with null lists', () => {
    expect(groupItems(null, null)).toEqual([])
    expect(groupItems([item(1, 0, -1)], [{ name: 'leer', description: '' }]).map((g) => g.phase)).toEqual([-1])
  })
})

describe('move', () => {
  it('moves an entry and leaves the input alone', () => {
    const a = ['a', 'b', 'c']
    expect(move(a, 0, 1)).toEqual(['b', 'a', 'c'])
    expect(move(a, 2, -2)).toEqual(['c', 'a', 'b'])
    expect(move(a, 0, -1)).toEqual(['a', 'b', 'c'])
    expect(move(a, 2, 1)).toEqual(['a', 'b', 'c'])
    expect(a).toEqual(['a', 'b', 'c'])
  })
})

describe('phases of a template', () => {
  const make = () => ({
    phases: ['Kennenlernen', 'Führungsaufgaben', 'Reflexion'].map((name) => ({ name, description: '' })),
    topics: [topic('A', 0), topic('B', 1), topic('C', 2), topic('D', -1)],
  })
  it('moving a phase keeps every topic in its phase', () => {
    const t = make()
    movePhase(t, 2, -2)
    expect(t.phases.map((p) => p.name)).toEqual(['Reflexion', 'Kennenlernen', 'Führungsaufgaben'])
    expect(t.topics.map((tp) => t.phases[tp.phase]?.name ?? '-')).toEqual(['Kennenlernen', 'Führungsaufgaben', 'Reflexion', '-'])
    movePhase(t, 0, -1) // out of range: nothing happens
    expect(t.phases[0].name).toBe('Reflexion')
  })
  it('removing a phase keeps its topics without phase', () => {
    const t = make()
    removePhase(t, 1)
    expect(t.phases.map((p) => p.name)).toEqual(['Kennenlernen', 'Reflexion'])
    expect(t.topics.map((tp) => tp.phase)).toEqual([0, -1, 1, -1])
  })
})

describe('plan input maps', () => {
  it('keeps only topics with prior knowledge', () => {
    expect(knowledgeMap(['none', 'confident', 'basic', 'none'])).toEqual({ 1: 'confident', 2: 'basic' })
    expect(knowledgeMap([])).toEqual({})
  })
  it('keeps only roles somebody was chosen for', () => {
    expect(responsibleMap({ mentor: 4, team_lead: 0 })).toEqual({ mentor: 4 })
  })
})

describe('tandemActions', () => {
  it('follows geplant → aktiv → abgeschlossen / abgebrochen', () => {
    expect(tandemActions('planned')).toEqual(['start', 'cancel'])
    expect(tandemActions('active')).toEqual(['complete', 'cancel'])
    expect(tandemActions('completed')).toEqual([])
    expect(tandemActions('cancelled')).toEqual([])
  })
})

describe('sortForPlan', () => {
  it('puts onboarding templates first, then by name', () => {
    const list = [
      { kind: 'secondment', name: 'Personalbereitstellung' },
      { kind: 'onboarding', name: 'Einarbeitung Wirtschaftliche Jugendhilfe' },
      { kind: 'leadership_mentoring', name: 'Mentoring' },
      { kind: 'onboarding', name: 'Einarbeitung ASD' },
    ]
    expect(sortForPlan(list).map((t) => t.name)).toEqual([
      'Einarbeitung ASD', 'Einarbeitung Wirtschaftliche Jugendhilfe', 'Mentoring', 'Personalbereitstellung',
    ])
  })
})

describe('listErrorKey', () => {
  it('places list errors at their entry', () => {
    expect(listErrorKey('topics.title', { index: '4' })).toBe('topics.title#3')
    expect(listErrorKey('phases.name', { index: '1' })).toBe('phases.name#0')
    expect(listErrorKey('topics', { max: '500' })).toBe('topics')
    expect(listErrorKey('feedbackPrompts', { index: '2' })).toBe('feedbackPrompts')
    expect(listErrorKey('name', {})).toBe('name')
  })
})

describe('personName', () => {
  it('shows Nachname, Vorname', () => {
    expect(personName({ firstName: 'Élodie', lastName: 'Straßburger' })).toBe('Straßburger, Élodie')
    expect(personName({ firstName: '', lastName: 'Chef' })).toBe('Chef')
  })
})
