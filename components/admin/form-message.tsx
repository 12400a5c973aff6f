'use client';
// Where the focus goes after a submit: keyboard and screen-reader users land on what it did, not at
// the top of the page or nowhere.
import { useEffect, useRef, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

/**
 * A form's outcome (a refusal, role alert, or a success, role status), focused when it arrives: when
 * its form's submit has just finished (even with the same words as before), or when it is shown or
 * its words change (a form re-keyed after a save, or a message placed outside its form).
 */
export function FormMessage({ message, role, className, children }: { message?: string; role: 'alert' | 'status'; className: string; children?: ReactNode }) {
  const element = useRef<HTMLDivElement>(null);
  const { pending } = useFormStatus();
  const before = useRef<{ message?: string; pending: boolean }>({ pending: false });
  useEffect(() => {
    const last = before.current;
    before.current = { message, pending };
    if (message && !pending && (last.pending || message !== last.message)) element.current?.focus();
  }, [message, pending]);
  if (!message) return null;
  return (
    <div ref={element} role={role} tabIndex={-1} className={className}>
      {children ?? message}
    </div>
  );
}

/**
 * A submitted form that is gone with the focus (a save that opened another page, or that drew the
 * form afresh) leaves the focus on the page's heading, not on nothing. Once, in the admin layout.
 */
export function FocusAfterSubmit() {
  useEffect(() => {
    let submitted: HTMLFormElement | null = null;
    // Done once the focus moves anywhere (a form's message took it, or the operator moved on).
    const stop = () => {
      submitted = null;
      observer.disconnect();
    };
    const observer = new MutationObserver(() => {
      if (!submitted || submitted.isConnected) return;
      stop();
      if (document.activeElement && document.activeElement !== document.body) return;
      const target = document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
      if (!target) return;
      if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
    });
    const onSubmit = (event: SubmitEvent) => {
      if (!(event.target instanceof HTMLFormElement)) return;
      submitted = event.target;
      observer.observe(document.body, { childList: true, subtree: true });
    };
    document.addEventListener('submit', onSubmit);
    document.addEventListener('focusin', stop);
    return () => {
      document.removeEventListener('submit', onSubmit);
      document.removeEventListener('focusin', stop);
      observer.disconnect();
    };
  }, []);
  return null;
}
