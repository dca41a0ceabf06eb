import { describe, expect, it, vi } from 'vitest'
import { externalTarget, installExternalLinkGuard } from './externalLinks'

describe('externalTarget', () => {
  it('accepts web and mail links only', () => {
    expect(externalTarget('https://www.hilden.de/')).toBe('https://www.hilden.de/')
    expect(externalTarget(' mailto:jugendamt@hilden.de')).toBe('mailto:jugendamt@hilden.de')
    expect(externalTarget('javascript:alert(1)')).toBeNull()
    expect(externalTarget('file:///etc/passwd')).toBeNull()
    expect(externalTarget('#/personen')).toBeNull()
    expect(externalTarget(null)).toBeNull()
  })
})

describe('installExternalLinkGuard', () => {
  it('opens external links outside the app and blocks other schemes', () => {
    const open = vi.fn()
    const stop = installExternalLinkGuard(document, open)
    document.body.innerHTML = '<a id="web" href="https://example.org/x"><span id="inner">x</span></a><a id="js" href="javascript:void(0)">j</a><a id="route" href="#/tandems">t</a>'
    const click = (id: string) => {
      const ev = new MouseEvent('click', { bubbles: true, cancelable: true })
      document.getElementById(id)!.dispatchEvent(ev)
      return ev.defaultPrevented
    }
    expect(click('inner')).toBe(true)
    expect(open).toHaveBeenCalledWith('https://example.org/x')
    expect(click('js')).toBe(true)
    expect(open).toHaveBeenCalledTimes(1)
    expect(click('route')).toBe(false)
    stop()
  })
})
