'use client';
// A message to visitors: the markdown textarea and, under it, a Preview of the message exactly as
// visitors will see it. The server renders it with the public pages' own renderer (see
// app/admin/preview-actions.ts) and says what sanitizing removed; the same component shows it.
import { type ComponentProps, type MouseEvent, useEffect, useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { previewMessageAction } from '@/lib/actions/preview';
import type { MessagePreview } from '@/lib/markdown';
import { UpdateBody } from '../update-body';
import { SECONDARY_BUTTON, TextArea } from './fields';
import { RemovalNotice } from './removal-notice';

/** How long typing pauses before an open preview follows the text. */
const FOLLOW_DELAY_MS = 400;

const noSubscription = () => () => {};

/** Takes TextArea's props; the form submits the textarea as before. */
export function MessageField(props: ComponentProps<typeof TextArea>) {
  const panelId = `${props.id ?? props.name}-preview`;
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<MessagePreview | { error: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const latestRequest = useRef(0);
  const followTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The button does nothing without script, so it is offered only once the page runs it.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  useEffect(() => () => clearTimeout(followTimer.current), []);

  function render() {
    const text = box.current?.querySelector('textarea')?.value ?? '';
    const request = ++latestRequest.current;
    startTransition(async () => {
      const result = await previewMessageAction(text);
      // An answer overtaken by a newer request is dropped.
      if (request === latestRequest.current) setPreview(result);
    });
  }

  function follow() {
    if (!open) return;
    clearTimeout(followTimer.current);
    followTimer.current = setTimeout(render, FOLLOW_DELAY_MS);
  }

  function toggle() {
    if (!open) render();
    else clearTimeout(followTimer.current);
    setOpen(!open);
  }

  return (
    <div ref={box} onInput={follow}>
      <TextArea {...props} />
      {scripted && (
        <button type="button" className={`${SECONDARY_BUTTON} mt-2`} aria-expanded={open} aria-controls={panelId} onClick={toggle}>
          {open ? 'Hide preview' : 'Preview'}
        </button>
      )}
      {open && (
        // A heading of its own: the message's headings (h3 and below) then follow one, as on the public page.
        <section id={panelId} aria-labelledby={`${panelId}-heading`} aria-busy={pending} className="mt-2 space-y-3 rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700">
          <h2 id={`${panelId}-heading`} className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Preview: as visitors will see it
          </h2>
          <div role="status">{preview && <RemovalNotice text={'error' in preview ? preview.error : preview.notice} />}</div>
          {preview && 'html' in preview ? (
            // Its links open in a new tab: following one here would leave the form and its text.
            <div onClick={openLinksApart}>{preview.html ? <UpdateBody html={preview.html} /> : <p className="text-sm text-slate-500 dark:text-slate-400">The message is empty.</p>}</div>
          ) : (
            !preview && <p className="text-sm text-slate-500 dark:text-slate-400">Rendering…</p>
          )}
        </section>
      )}
    </div>
  );
}

function openLinksApart(event: MouseEvent) {
  const link = (event.target as Element).closest('a[href]');
  if (!link) return;
  event.preventDefault();
  window.open((link as HTMLAnchorElement).href, '_blank', 'noopener,noreferrer');
}
