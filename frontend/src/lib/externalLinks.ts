// Links that leave the app (web pages, e-mail addresses) must never load
// inside the app's window: a click on one opens the system's browser or
// mail program instead (Wails' BrowserOpenURL). Anything else that is not
// the app's own (#/…) route is ignored.
export function externalTarget(href: string | null): string | null {
  if (!href) return null
  const h = href.trim()
  return /^(https?:|mailto:)/i.test(h) ? h : null
}

export function installExternalLinkGuard(root: Document, open: (url: string) => void): () => void {
  const onClick = (ev: MouseEvent) => {
    const a = (ev.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
    if (!a) return
    const href = a.getAttribute('href')
    if (href?.startsWith('#')) return // the app's own routes
    ev.preventDefault()
    const url = externalTarget(href)
    if (url) open(url)
  }
  root.addEventListener('click', onClick, true)
  return () => root.removeEventListener('click', onClick, true)
}
