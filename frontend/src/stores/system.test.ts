import { describe, expect, it } from 'vitest'
import { bootStatus } from './system'

function doc(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html')
}

describe('bootStatus', () => {
  it('reads the status the Go side put into index.html', () => {
    const json = JSON.stringify({ ready: true, databasePath: '/a/"b"/tandem.db', startSection: 'personen' })
    const d = doc(`<head><meta name="tandem-boot" content="${json.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></head>`)
    expect(bootStatus(d)).toMatchObject({ ready: true, databasePath: '/a/"b"/tandem.db', startSection: 'personen' })
  })
  it('is null without the tag or with garbage, so the app asks Status()', () => {
    expect(bootStatus(doc('<head></head>'))).toBeNull()
    expect(bootStatus(doc('<head><meta name="tandem-boot" content="{nope"></head>'))).toBeNull()
    expect(bootStatus(doc('<head><meta name="tandem-boot" content="42"></head>'))).toBeNull()
  })
})
