// A database path that cannot be used shows the German cause and what to
// do at start (sqlite/storage.go), not „unerwarteter Fehler … erneut“:
// here the path names a folder.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
let browser, app

after(() => closeApp(browser, app, dir))

test('a folder as the database path: the start screen names it', async () => {
  const dbPath = join(dir, 'tandem.db')
  mkdirSync(dbPath)
  let page
  ;({ browser, app, page } = await openApp(dbPath))
  const alert = page.locator('main.problem')
  await alert.waitFor()
  const text = await alert.textContent()
  assert.match(text, /liegt ein Ordner, keine Datenbankdatei/)
  assert.doesNotMatch(text, /versuchen Sie es erneut/)
})
