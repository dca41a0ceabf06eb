import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

// Forms propose today's date. Between midnight and 01:00 (02:00 in summer)
// German time the UTC date is still yesterday, so the test runs in Berlin
// at 00:30.
vi.hoisted(() => {
  process.env.TZ = 'Europe/Berlin'
})
vi.mock('../lib/api', () => ({
  api: { sessions: { FeedbackPrompts: async () => ['Was lief gut?'], FeedbackTalks: async () => [] } },
}))

import { i18n } from '../i18n'
import { todayIso } from '../lib/dates'
import FeedbackForm from './FeedbackForm.vue'

const tandem = { id: 3, status: 'active', menteeName: 'Lena Neumann' } as never

describe('the proposed date is the local date', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  for (const [season, utc, local] of [
    ['winter', '2026-12-04T23:30:00Z', '2026-12-05'],
    ['summer', '2026-07-14T22:30:00Z', '2026-07-15'],
  ]) {
    it(`at 00:30 in ${season}`, async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(new Date(utc))
      expect(new Date().getHours()).toBe(0) // the test really runs at 00:30 local time
      expect(todayIso()).toBe(local)
      const w = mount(FeedbackForm, { props: { tandem }, global: { plugins: [i18n] } })
      await flushPromises()
      const [y, m, d] = local.split('-')
      expect((w.find('#fb-date').element as HTMLInputElement).value).toBe(`${d}.${m}.${y}`)
    })
  }
})
