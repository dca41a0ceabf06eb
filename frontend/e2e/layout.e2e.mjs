// The layout works from 1024 px wide: no card or page sticks out sideways
// (tables scroll inside their own box), and dates and short names are never
// broken letter by letter. Checked at 1024×700 and at 1366×768 (a laptop).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { closeApp, openApp, seedCourseWorld, tempDir } from './harness.mjs'

const dir = tempDir()
const dbPath = join(dir, 'tandem.db')
const saveDir = join(dir, 'saved')
mkdirSync(saveDir)
let browser, app, page, problems

before(async () => {
  ;({ browser, app, page, problems } = await openApp(dbPath, [], { TANDEM_E2E_SAVE_DIR: saveDir }))
  await page.waitForFunction(() => window.go?.app)
  await seedCourseWorld(page, {
    organisation: {
      municipality: 'Stadt Hilden', officeName: 'Amt für Jugend, Schule und Sport', street: 'Am Rathaus 1',
      signatoryName: 'Dr. Anna Amt', signatoryFunction: 'Amtsleitung',
    },
    tandem: { department: 'ASD Nord', mentee: ['Sophie', 'Groß'], runName: 'Einarbeitung 2026' },
    runName: 'Zertifikatskurs 2026',
    participants: [['Sara', 'Özdemir'], ['Jonas', 'Wagner'], ['Maximiliane', 'Schwarzenberger-Hohenstein'], ['Lea', 'Yilmaz'], ['Tim', 'Krause']],
    courseName: 'Zertifikatskurs ASD Nord',
  })
})

after(() => closeApp(browser, app, dir))

async function nav(name) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name, exact: true }).click()
  await page.waitForTimeout(400)
}

// overflow lists what sticks out: the page wider than the window, a card
// wider than itself, a date or a one-word cell wrapped onto a second line.
const overflow = () =>
  page.evaluate(() => {
    const bad = []
    const root = document.documentElement
    if (root.scrollWidth > root.clientWidth + 1) bad.push(`page ${root.scrollWidth} > ${root.clientWidth}`)
    for (const el of document.querySelectorAll('.panel, .content, .main')) {
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${el.className.split(' ').join('.')} ${el.scrollWidth} > ${el.clientWidth}`)
    }
    for (const td of document.querySelectorAll('.table td, .table th')) {
      const text = td.innerText.trim()
      if (!text || /\s/.test(text) || text.length > 24) continue
      // Lines of the text itself (not of padded boxes such as buttons).
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT)
      const tops = new Set()
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(n)
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top / 4))
      }
      if (tops.size > 1) bad.push(`wrapped „${text}“ (${tops.size} lines)`)
    }
    return bad
  })

async function check(where) {
  const bad = await overflow()
  assert.deepEqual(bad, [], `${where}: ${bad.join('; ')}`)
}

for (const [width, height] of [[1024, 700], [1366, 768]]) {
  test(`every screen fits at ${width}×${height}`, async () => {
    await page.setViewportSize({ width, height })
    await nav('Übersicht')
    await check('Übersicht')
    await nav('Personen')
    await check('Personen')
    await page.getByRole('button', { name: 'Groß, Sophie' }).click()
    await check('Person')
    await nav('Programme')
    await check('Programme')
    await nav('Tandems')
    await check('Tandems')
    await page.locator('.tandems-table').getByRole('button', { name: /Groß/ }).click()
    await page.locator('.tandem-detail').waitFor()
    await check('Tandem mit Detail')
    await nav('Gespräche')
    await check('Gespräche')
    await nav('Gruppen')
    await check('Gruppen')
    await page.getByRole('button', { name: 'Zertifikatskurs ASD Nord' }).click()
    await page.locator('table.modules-table').waitFor()
    await check('Kurs')
    await nav('Dokumente')
    await page.locator('[data-testid=register-table]').waitFor()
    await check('Dokumente')
    await nav('Einstellungen')
    await check('Einstellungen')
  })
}

test('no page errors', () => {
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.dialogs, [])
})
