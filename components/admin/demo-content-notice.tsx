'use client';
import { useActionState } from 'react';
import { removeDemoContentAction } from '@/lib/actions/page';
import type { FormState } from '@/lib/admin-ui/form-state';
import { FormError } from './fields';

/** On a fresh install: the demo's sample content goes in one step, once the operator is ready. */
export function DemoContentNotice({ components, incidents }: { components: number; incidents: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeDemoContentAction, {});
  return (
    <section aria-labelledby="demo-content" className="space-y-3 rounded-lg border border-sky-300 bg-sky-50 p-5 dark:border-sky-800 dark:bg-sky-950">
      <h2 id="demo-content" className="text-lg font-semibold">
        This page still shows the demo
      </h2>
      <p className="text-sm">
        Visitors see {components} sample component{components === 1 ? '' : 's'} and {incidents} sample incident{incidents === 1 ? '' : 's'} and maintenance. Remove them
        all in one step before you add your own; anything you added yourself stays.
      </p>
      <form action={action} className="flex flex-wrap items-center gap-3">
        <FormError message={state.error} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" required />
          Yes, remove the demo content
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900" disabled={pending}>
          {pending ? 'Removing…' : 'Remove demo content'}
        </button>
      </form>
    </section>
  );
}
