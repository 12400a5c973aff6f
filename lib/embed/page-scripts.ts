// The only scripts the public pages run, each inline in its page and allowed by its hash in that
// page's Content-Security-Policy (read-path/fast-path.ts): nothing else runs there, and a page is
// still one response. Kept as string literals on purpose: the page (Next's bundle) and the policy
// (the custom server) each load their own copy of lib/, and a compiled function's text could differ
// between the two, where these bytes cannot. The pages work without them.

/**
 * /embed: shows each snippet's Copy button (hidden without script), copies the snippet and says so in
 * the snippet's status line; where the clipboard is not allowed (a plain-http address), it selects the
 * snippet for the visitor to copy.
 */
export const COPY_SNIPPETS_SCRIPT = `(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const figure = button.closest('figure');
      const code = figure.querySelector('code');
      for (const status of document.querySelectorAll('[data-copy-status]')) status.textContent = '';
      let said = 'Copied';
      try {
        await navigator.clipboard.writeText(code.textContent);
      } catch {
        getSelection().selectAllChildren(code);
        said = 'Selected: copy it with your keyboard or menu';
      }
      figure.querySelector('[data-copy-status]').textContent = said;
    });
  }
})();`;

/**
 * /embed/frame: every minute, the frame's content is replaced by the current one when it changed,
 * in place: no reload that would throw a reader back to the start. Not while the focus is inside it.
 */
export const FRAME_UPDATE_SCRIPT = `(() => {
  const main = document.querySelector('main');
  setInterval(async () => {
    if (document.hidden || main.contains(document.activeElement)) return;
    try {
      const response = await fetch(location.href, { cache: 'no-cache' });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main');
      if (next && next.innerHTML !== main.innerHTML) main.innerHTML = next.innerHTML;
    } catch {}
  }, 60000);
})();`;
