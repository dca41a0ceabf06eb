// What a rejected call to the Go side carries: the AppError that
// app/errors.go builds (code, key, field, German message, params).
export interface AppError {
  code: string
  key: string
  field: string
  message: string
  params: Record<string, string>
}

const fallback = 'Ein unerwarteter Fehler ist aufgetreten. Es wurde nichts geändert. Bitte versuchen Sie es erneut.'

function fromObject(o: Record<string, unknown>): AppError | null {
  if (typeof o.message !== 'string' || typeof o.code !== 'string') return null
  const params: Record<string, string> = {}
  if (o.params && typeof o.params === 'object') {
    for (const [k, v] of Object.entries(o.params as Record<string, unknown>)) params[k] = String(v)
  }
  return {
    code: o.code,
    key: typeof o.key === 'string' ? o.key : '',
    field: typeof o.field === 'string' ? o.field : '',
    message: o.message,
    params,
  }
}

// toAppError normalises whatever a promise rejected with. Wails passes the
// formatted AppError as JSON in an Error's message; accept the object and a
// bare JSON string too.
export function toAppError(err: unknown): AppError {
  if (err && typeof err === 'object' && !(err instanceof Error)) {
    const e = fromObject(err as Record<string, unknown>)
    if (e) return e
  }
  // Wails rejects with new Error(<the JSON that app/errors.go formats>).
  const text = err instanceof Error ? err.message : err
  if (typeof text === 'string') {
    try {
      const parsed: unknown = JSON.parse(text)
      if (parsed && typeof parsed === 'object') {
        const e = fromObject(parsed as Record<string, unknown>)
        if (e) return e
      }
    } catch {
      // not JSON: fall through
    }
  }
  return { code: 'internal', key: 'internal', field: '', message: fallback, params: {} }
}

// fieldErrors maps an error to the field it belongs next to; an error
// without a field (or with a field the form does not have) goes to "".
export function fieldOf(e: AppError, fields: readonly string[]): string {
  return fields.includes(e.field) ? e.field : ''
}
