// Every call to the Go side must settle. Wails (v2.16) answers a call whose
// arguments do not fit the Go method (a string where an id is expected, an
// object for a string, too few or too many arguments, a number beyond
// int64) before the method runs, and without our ErrorFormatter: in the
// desktop webview with plain English text, over the dev bridge's websocket
// not at all (the answer lacks the "c" the bridge dispatches on), so the
// promise never settled. The guard turns such answers into the AppError
// app/errors.go gives for a bad request, and hands the dev bridge's
// unprefixed answers to the same callback. Nothing was changed by such a
// call: Wails refused it before calling the method.

// requestInvalid is app/errors.go's "request.invalid" (a Go test keeps the
// German text equal).
export const requestInvalid = {
  code: 'invalid',
  key: 'request.invalid',
  field: '',
  message: 'Die Anfrage ist ungültig. Es wurde nichts geändert.',
  params: {},
}

function isAppErrorJSON(text: string): boolean {
  try {
    const o: unknown = JSON.parse(text)
    return !!o && typeof o === 'object' && typeof (o as { code?: unknown }).code === 'string' &&
      typeof (o as { message?: unknown }).message === 'string'
  } catch {
    return false
  }
}

// guardCallback returns the callback message Wails sends back, with an
// error that is not an AppError replaced by requestInvalid.
export function guardCallback(incoming: string): string {
  let msg: { error?: unknown; callbackid?: unknown }
  try {
    msg = JSON.parse(incoming)
  } catch {
    return incoming
  }
  if (!msg || typeof msg !== 'object' || typeof msg.error !== 'string' || msg.error === '' || isAppErrorJSON(msg.error)) {
    return incoming
  }
  return JSON.stringify({ ...msg, error: JSON.stringify(requestInvalid) })
}

interface WailsGlobal {
  wails?: { Callback?: (incoming: string) => void }
}

// installCallGuard wraps Wails' callback in w and, for the dev bridge,
// listens on its websocket for answers without the "c" prefix. It returns
// false where there is no Wails runtime (tests, a plain browser).
export function installCallGuard(w: WailsGlobal & { WebSocket?: typeof WebSocket }): boolean {
  const wails = w.wails
  const original = wails?.Callback
  if (!wails || typeof original !== 'function') return false
  wails.Callback = (incoming: string) => original.call(wails, guardCallback(incoming))

  const WS = w.WebSocket
  if (WS) {
    const watched = new WeakSet<WebSocket>()
    const send = WS.prototype.send
    WS.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (!watched.has(this) && /\/wails\/ipc$/.test(this.url)) {
        watched.add(this)
        this.addEventListener('message', (ev: MessageEvent) => {
          if (typeof ev.data === 'string' && ev.data.startsWith('{') && ev.data.includes('"callbackid"')) {
            wails.Callback?.(ev.data)
          }
        })
      }
      return send.call(this, data)
    }
  }
  return true
}
