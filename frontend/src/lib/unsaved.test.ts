import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { markPending, markSaved, unsavedCount } from './unsaved'

type W = { go?: unknown }

describe('unsaved text', () => {
  afterEach(() => {
    delete (window as unknown as W).go
  })

  it('tells the Go side only when it changes between none and some', async () => {
    const set = vi.fn()
    ;(window as unknown as W).go = { app: { SystemService: { SetUnsavedChanges: set } } }
    markPending('a')
    markPending('b')
    await nextTick()
    expect(unsavedCount.value).toBe(2)
    markSaved('a')
    await nextTick()
    markSaved('b')
    await nextTick()
    expect(unsavedCount.value).toBe(0)
    expect(set.mock.calls).toEqual([[true], [false]])
  })

  it('does not break without the Go method', async () => {
    ;(window as unknown as W).go = { app: {} }
    markPending('c')
    await nextTick()
    markSaved('c')
    await nextTick()
    expect(unsavedCount.value).toBe(0)
  })
})
