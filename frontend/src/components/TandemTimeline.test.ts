import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'

// The Go side sends each entry's kind and raw values; the words come from
// the locale, so the English UI shows no German.
vi.mock('../lib/api', () => ({
  api: {
    sessions: {
      Timeline: async () => [
        { date: '2027-03-02', kind: 'session', title: 'Mentoring-Gespräch um 08:30 Uhr (60 Min.)', params: { time: '08:30', minutes: '60', place: '' }, refId: 1, confidential: false },
        { date: '2027-03-02', kind: 'session', title: 'Mentoring-Gespräch um 09:00 Uhr (45 Min.), online', params: { time: '09:00', minutes: '45', place: 'online' }, refId: 2, confidential: true },
        { date: '2027-03-03', kind: 'handover', title: 'Fallübernahme: 6 Fälle von Max Mentor', params: { cases: '6', from: 'Max Mentor' }, refId: 3, confidential: false },
        { date: '2027-03-03', kind: 'handover', title: 'Fallübernahme: 1 Fall', params: { cases: '1', from: '' }, refId: 4, confidential: false },
        { date: '2027-03-04', kind: 'plan_item_done', title: 'Baustein erledigt: Case work', params: { topic: 'Case work' }, refId: 5, confidential: false },
        { date: '2027-03-09', kind: 'feedback', title: 'Abschlussgespräch', params: { feedbackKind: 'final' }, refId: 6, confidential: false },
      ],
    },
  },
}))

import { i18n } from '../i18n'
import TandemTimeline from './TandemTimeline.vue'

async function shown(locale: 'de' | 'en') {
  i18n.global.locale.value = locale
  const w = mount(TandemTimeline, { props: { tandemId: 7 }, global: { plugins: [i18n], stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
  await flushPromises()
  return w.findAll('.tl-title').map((x) => x.text())
}

describe('TandemTimeline', () => {
  it('words every entry in English', async () => {
    const titles = await shown('en')
    expect(titles).toEqual([
      'Mentoring session at 08:30 (60\u00a0min)',
      'Mentoring session at 09:00 (45\u00a0min), online',
      'Case handover: 6 cases from Max Mentor',
      'Case handover: one case',
      'Topic done: Case work',
      'Final talk',
    ])
    for (const word of ['Gespräch', 'Uhr', 'Fälle', 'erledigt', 'Baustein', 'Thema']) {
      expect(titles.join(' ')).not.toContain(word)
    }
  })
  it('and in German, with „Thema“ as the UI calls it', async () => {
    const titles = await shown('de')
    expect(titles[0]).toBe('Mentoring-Gespräch um 08:30\u00a0Uhr (60\u00a0Min.)')
    expect(titles[2]).toBe('Fallübernahme: 6 Fälle von Max Mentor')
    expect(titles[3]).toBe('Fallübernahme: ein Fall')
    expect(titles[4]).toBe('Thema erledigt: Case work')
    expect(titles[5]).toBe('Abschlussgespräch')
  })
})
