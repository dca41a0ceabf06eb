import { describe, expect, it } from 'vitest'
import { guardCallback, installCallGuard, requestInvalid } from './callGuard'
import { toAppError } from './errors'

const appError = JSON.stringify({ code: 'not_found', key: 'person.not_found', field: '', message: 'Diese Person gibt es nicht (mehr).', params: {} })

describe('guardCallback', () => {
  it('turns Wails’ own argument errors into the German bad-request AppError', () => {
    for (const wails of [
      'error parsing arguments: json: cannot unmarshal string into Go value of type int64',
      "received 0 arguments to method 'app.PeopleService.Get', expected 1",
    ]) {
      const out = JSON.parse(guardCallback(JSON.stringify({ result: null, error: wails, callbackid: 'x-1' })))
      expect(out.callbackid).toBe('x-1')
      expect(toAppError(new Error(out.error))).toEqual(requestInvalid)
    }
  })

  it('leaves results and the app’s own errors alone', () => {
    const ok = JSON.stringify({ result: { id: 1 }, error: null, callbackid: 'x-2' })
    expect(guardCallback(ok)).toBe(ok)
    const own = JSON.stringify({ result: null, error: appError, callbackid: 'x-3' })
    expect(guardCallback(own)).toBe(own)
    expect(guardCallback('not json')).toBe('not json')
  })
})

describe('installCallGuard', () => {
  it('is a no-op without the Wails runtime', () => {
    expect(installCallGuard({})).toBe(false)
  })

  it('settles calls the dev bridge answers without its "c" prefix', () => {
    const seen: string[] = []
    class FakeSocket extends EventTarget {
      url = 'ws://127.0.0.1:1234/wails/ipc'
      sent: unknown[] = []
      send(data: unknown) {
        this.sent.push(data)
      }
    }
    const w = { wails: { Callback: (m: string) => void seen.push(m) }, WebSocket: FakeSocket as unknown as typeof WebSocket }
    expect(installCallGuard(w)).toBe(true)
    const sock = new FakeSocket()
    ;(sock as unknown as WebSocket).send('C{"name":"app.PeopleService.Get","args":["abc"],"callbackID":"x-4"}')
    expect(sock.sent).toHaveLength(1)
    sock.dispatchEvent(new MessageEvent('message', { data: '{"result":null,"error":"error parsing arguments: bad","callbackid":"x-4"}' }))
    sock.dispatchEvent(new MessageEvent('message', { data: 'c{"result":1,"callbackid":"x-5"}' })) // the bridge's own business
    expect(seen).toHaveLength(1)
    expect(JSON.parse(seen[0]).callbackid).toBe('x-4')
    expect(toAppError(new Error(JSON.parse(seen[0]).error)).key).toBe('request.invalid')
  })
})
