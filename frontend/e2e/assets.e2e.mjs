// The built UI (what the desktop app embeds) loads nothing from outside:
// no remote URL in any asset except XML namespace names, which browsers
// never fetch, and the Content-Security-Policy of index.html allows only
// the app's own origin, with no inline script.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { assetDir } from './harness.mjs'

const namespaces = new Set([
  'http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/XML/1998/namespace', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/2000/xmlns/',
])

// Not fetched either: the link Vue's runtime prints in its error messages,
// and the loopback websocket of Wails' dev bridge that the CSP permits.
const textOnly = ['https://vuejs.org/error-reference/', 'ws://127.0.0.1:', 'ws://localhost:']

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : [p]
  })
}

test('no remote URL in the built assets', () => {
  const found = []
  const all = files(assetDir).filter((f) => /\.(html|js|css|json|svg)$/.test(f))
  assert.ok(all.some((f) => f.endsWith('.js')), 'no built script found in ' + assetDir)
  for (const f of all) {
    const text = readFileSync(f, 'utf8')
    for (const m of text.matchAll(/(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]*/g)) {
      const url = m[0].replace(/[.,;]+$/, '')
      if (!namespaces.has(url) && !textOnly.some((p) => url.startsWith(p))) found.push(`${relative(assetDir, f)}: ${url}`)
    }
  }
  assert.deepEqual(found, [])
})

test('the Content-Security-Policy allows only the app itself', () => {
  const html = readFileSync(join(assetDir, 'index.html'), 'utf8')
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]
  assert.ok(csp, 'index.html has no CSP')
  const rules = Object.fromEntries(csp.split(';').map((r) => r.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
  assert.deepEqual(rules['default-src'], ["'self'"])
  assert.deepEqual(rules['script-src'], ["'self'"])
  assert.deepEqual(rules['object-src'], ["'none'"])
  for (const [k, v] of Object.entries(rules)) {
    assert.ok(!v.includes("'unsafe-inline'") && !v.includes("'unsafe-eval'") && !v.includes('*'), `${k}: ${v.join(' ')}`)
    assert.ok(v.every((s) => !/^https?:/.test(s)), `${k} names a remote origin: ${v.join(' ')}`)
  }
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'inline script in index.html')
})
