import { describe, expect, it } from 'vitest'
import { useSaveAction } from './saveAction'

describe('useSaveAction', () => {
  it('shows what was saved, keeps it when the dialog is cancelled, and shows the German message of a failure', async () => {
    const a = useSaveAction()
    let during = false
    const r = await a.run(
      async () => {
        during = a.busy.value
        return { path: '/tmp/Abschlussbestätigung Müller Mia.pdf', entry: { number: 'JA-2027-0042' } }
      },
      (r) => `${r.entry.number} ausgestellt`,
    )
    expect(during).toBe(true)
    expect(a.busy.value).toBe(false)
    expect(r?.entry.number).toBe('JA-2027-0042')
    expect(a.saved.value).toEqual({ path: '/tmp/Abschlussbestätigung Müller Mia.pdf', text: 'JA-2027-0042 ausgestellt' })

    await a.run(async () => ({ path: '' })) // the save dialog cancelled
    expect(a.saved.value?.text).toBe('JA-2027-0042 ausgestellt')

    const failed = await a.run(async () => {
      throw { code: 'conflict', key: 'document.final_talk.missing', message: 'Das Abschlussgespräch fehlt noch.', field: '', params: {} }
    })
    expect(failed).toBeNull()
    expect(a.error.value).toBe('Das Abschlussgespräch fehlt noch.')
    expect(a.busy.value).toBe(false)
  })
})
