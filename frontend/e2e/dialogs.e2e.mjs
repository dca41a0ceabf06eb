// Every dialog is modal for the keyboard too: Tab and Shift+Tab cycle
// inside it, the page behind cannot be reached, Escape closes it and focus
// returns to the control that opened it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import { activeTandem, closeApp, openApp, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath))
  await page.waitForFunction(() => window.go?.app)
  await activeTandem(page, { department: 'ASD Nord', mentee: ['Lena', 'Neumann'], mentor: ['Petra', 'Becker'], runName: 'Einarbeitung 2027' })
})

after(() => closeApp(browser, app, dir))

async function nav(name) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click()
}

// focused describes the focused element and whether it lies in the open dialog.
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement
    const dlg = document.querySelector('[aria-modal="true"]')
    return { inside: !!dlg && !!el && dlg.contains(el), label: `${el?.tagName} ${el?.id || el?.textContent?.trim().slice(0, 40)}` }
  })

// cycle presses key n times and returns the labels it reached, failing as
// soon as focus leaves the dialog.
async function cycle(key, n) {
  const seen = []
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key)
    const f = await focused()
    assert.ok(f.inside, `${key} #${i + 1} left the dialog for ${f.label} (after ${seen.join(' → ')})`)
    seen.push(f.label)
  }
  return seen
}

// behindIsInert checks that a point of the navigation does not reach the page.
const behindIsInert = () =>
  page.evaluate(() => {
    const link = document.querySelector('nav a')
    const r = link.getBoundingClientRect()
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
    return !link.contains(hit)
  })

test('the confirmation keeps Tab inside, Escape cancels, focus goes back', async () => {
  await nav('Personen')
  await page.getByRole('button', { name: 'Becker, Petra' }).click()
  const opener = page.locator('.person-form').getByRole('button', { name: 'Löschen', exact: true })
  await opener.click()
  const dialog = page.getByRole('alertdialog')
  await dialog.waitFor()
  assert.equal((await focused()).label, 'BUTTON Abbrechen')
  const forward = await cycle('Tab', 5)
  assert.deepEqual(forward.slice(0, 3), ['BUTTON Löschen', 'BUTTON Abbrechen', 'BUTTON Löschen'])
  const back = await cycle('Shift+Tab', 3)
  assert.deepEqual(back, ['BUTTON Abbrechen', 'BUTTON Löschen', 'BUTTON Abbrechen'])
  assert.ok(await behindIsInert(), 'the navigation behind the dialog is reachable')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.ok(await opener.evaluate((b) => b === document.activeElement), 'focus is not back on „Löschen“')
  await page.getByRole('button', { name: 'Becker, Petra' }).waitFor() // nothing was deleted
})

test('a form dialog keeps Tab inside, Escape closes, focus goes back', async () => {
  await nav('Tandems')
  await page.locator('.tandems-table').getByRole('button', { name: /Neumann/ }).click()
  const opener = page.locator('.tandem-detail').getByRole('button', { name: 'Tandem abbrechen' })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: 'Tandem abbrechen' })
  await dialog.waitFor()
  assert.equal((await focused()).label, 'TEXTAREA reason-text')
  const forward = await cycle('Tab', 7)
  assert.equal(forward[2], 'TEXTAREA reason-text', `Tab order ${forward.join(' → ')}`)
  await cycle('Shift+Tab', 7)
  assert.ok(await behindIsInert(), 'the navigation behind the dialog is reachable')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.ok(await opener.evaluate((b) => b === document.activeElement), 'focus is not back on „Tandem abbrechen“')
  await page.locator('.tandem-detail .badge', { hasText: 'aktiv' }).waitFor()
})

test('a dialog in Einstellungen behaves the same', async () => {
  await nav('Einstellungen')
  const opener = page.getByRole('button', { name: 'Sicherung erstellen' })
  await opener.click()
  const dialog = page.getByRole('dialog', { name: 'Sicherung erstellen' })
  await dialog.waitFor()
  await cycle('Tab', 8)
  await cycle('Shift+Tab', 8)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.ok(await opener.evaluate((b) => b === document.activeElement), 'focus is not back on „Sicherung erstellen“')
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.dialogs, [])
})
