import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// The bindings are replaced: this tests the form's warning-and-reason flow only.
const calls = vi.hoisted(() => ({ check: vi.fn(), create: vi.fn() }))
vi.mock('../lib/api', () => ({
  api: {
    runs: { List: async () => [{ id: 7, name: 'Mentoring 2027', templateName: 'Mentoring für künftige Führungskräfte', startDate: '2027-01-01', endDate: '2027-12-31' }] },
    people: {
      List: async () => ({
        total: 2,
        people: [
          { id: 1, firstName: 'Lena', lastName: 'Neumann', roles: ['mentee'], departmentName: 'ASD Nord' },
          { id: 2, firstName: 'Petra', lastName: 'Becker', roles: ['mentor'], departmentName: 'ASD Nord' },
        ],
      }),
    },
    tandems: { Check: calls.check, CheckUpdate: calls.check, Create: calls.create, Update: vi.fn() },
  },
}))

import { i18n } from '../i18n'
import TandemForm from './TandemForm.vue'

const warning = { key: 'tandem.same_department', message: 'Petra Becker und Lena Neumann arbeiten in derselben Dienststelle.', params: {} }
const refusal = new Error(JSON.stringify({ code: 'invalid', key: 'tandem.reason_required', field: 'overrideReason', message: 'Bitte eine Begründung angeben.', params: {} }))

async function filled() {
  const w = mount(TandemForm, { props: { tandem: null }, global: { plugins: [i18n] } })
  await flushPromises()
  await w.find('#tf-runId').setValue('7')
  await w.find('#tf-menteeId').setValue('1')
  await w.find('#tf-mentor1').setValue('2')
  return w
}

describe('TandemForm', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'de'
    calls.check.mockReset()
    calls.create.mockReset()
  })

  it('takes over the run’s dates', async () => {
    const w = await filled()
    expect((w.find('#tf-startDate').element as HTMLInputElement).value).toBe('01.01.2027')
    expect((w.find('#tf-endDate').element as HTMLInputElement).value).toBe('31.12.2027')
  })

  it('saves at once when the rules raise nothing', async () => {
    calls.check.mockResolvedValue([])
    calls.create.mockResolvedValue({ id: 3 })
    const w = await filled()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.create).toHaveBeenCalledOnce()
    expect(calls.create.mock.calls[0][0]).toMatchObject({ runId: 7, menteeId: 1, mentorIds: [2], startDate: '2027-01-01', endDate: '2027-12-31', overrideReason: '' })
    expect(w.emitted('saved')?.[0]).toEqual([{ id: 3 }])
  })

  it('shows a warning, asks for a reason, and saves only with one', async () => {
    calls.check.mockResolvedValue([warning])
    const w = await filled()
    expect(w.find('#tf-overrideReason').exists()).toBe(false)

    await w.find('form').trigger('submit')
    await flushPromises()
    const alert = w.find('[data-testid=tandem-warnings]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('derselben Dienststelle')
    expect(w.find('#tf-overrideReason').exists()).toBe(true)
    expect(calls.create).not.toHaveBeenCalled()

    // Saving again without a reason goes to the Go side, which refuses.
    calls.create.mockRejectedValueOnce(refusal)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.check).toHaveBeenCalledOnce()
    expect(w.find('#tf-overrideReason-error').text()).toBe('Bitte eine Begründung angeben.')
    expect(w.emitted('saved')).toBeUndefined()

    calls.create.mockResolvedValueOnce({ id: 4 })
    await w.find('#tf-overrideReason').setValue('Wechselt bald die Dienststelle.')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.create.mock.calls[1][0].overrideReason).toBe('Wechselt bald die Dienststelle.')
    expect(w.emitted('saved')?.[0]).toEqual([{ id: 4 }])
  })

  it('checks again when the pairing changes', async () => {
    calls.check.mockResolvedValueOnce([warning]).mockResolvedValueOnce([])
    calls.create.mockResolvedValue({ id: 5 })
    const w = await filled()
    await w.find('form').trigger('submit')
    await flushPromises()
    await w.find('#tf-endDate').setValue('30.06.2027')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.check).toHaveBeenCalledTimes(2)
    expect(calls.create).toHaveBeenCalledOnce()
  })

  it('shows new warnings before saving even when a reason is written', async () => {
    const manager = { key: 'tandem.line_manager', message: 'Petra Becker ist Vorgesetzte von Lena Neumann.', params: {} }
    calls.check.mockResolvedValueOnce([warning]).mockResolvedValueOnce([warning, manager])
    calls.create.mockResolvedValue({ id: 6 })
    const w = await filled()
    await w.find('form').trigger('submit')
    await flushPromises()
    await w.find('#tf-overrideReason').setValue('Begründet.')
    await w.find('#tf-startDate').setValue('01.02.2027')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.create).not.toHaveBeenCalled()
    expect(w.find('[data-testid=tandem-warnings]').text()).toContain('Vorgesetzte')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.create).toHaveBeenCalledOnce()
  })
})
