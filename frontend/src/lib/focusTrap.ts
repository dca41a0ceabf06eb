// Keeps Tab and Shift+Tab inside a modal dialog. showModal() makes the
// page behind inert, but from the dialog's last control the browser still
// moves focus out of the document (to the address bar, or nowhere in a
// webview); here the cycle wraps to the first control instead.

const focusable = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])', 'select:not([disabled])',
  'textarea:not([disabled])', '[tabindex]:not([tabindex="-1"])',
].join(', ')

// tabbable lists box's controls that Tab can reach, in document order.
export function tabbable(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.getClientRects().length > 0)
}

// keepTabInside moves focus from the last control to the first on Tab (and
// back on Shift+Tab), and into the box when focus has left it.
export function keepTabInside(e: KeyboardEvent, box: HTMLElement | null) {
  if (e.key !== 'Tab' || !box) return
  const items = tabbable(box)
  if (items.length === 0) {
    e.preventDefault()
    return
  }
  const first = items[0]
  const last = items[items.length - 1]
  const active = document.activeElement
  const outside = !(active instanceof Node) || !box.contains(active)
  if (e.shiftKey && (outside || active === first)) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && (outside || active === last)) {
    e.preventDefault()
    first.focus()
  }
}

// firstControl is where focus goes when a dialog opens: its first field,
// or its first button.
export function firstControl(box: HTMLElement): HTMLElement | undefined {
  return box.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select, textarea') ?? tabbable(box)[0]
}
