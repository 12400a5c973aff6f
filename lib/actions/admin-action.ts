// The one wrapper for the admin's form actions, as adminRoute is for the admin API: who is signed
// in, what their role allows, the form's refusals as the state it shows, the redirect after.
// Our own rather than next-safe-action: every form reads our FormState (a sentence per field, what
// was typed kept) through useActionState, and that library's result shape would need this adapter anyway.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { type FormState, toFormState } from '../admin-ui/form-state.ts';
import { requireOperator } from '../admin-ui/require-operator.ts';
import type { Operator } from '../auth/operators.ts';
import { operatorActor, requirePermission, type Actor, type Permission } from '../access/permissions.ts';
import { getDb, type Db } from '../db/client.ts';
import { publicPageCaughtUp } from '../read-path/instance.ts';

/** Where to go after a success, instead of a state to show. */
export class Redirect {
  constructor(readonly to: string) {}
}
export const redirectTo = (to: string) => new Redirect(to);

export interface ActionContext {
  db: Db;
  operator: Operator;
  actor: Actor;
}

/**
 * A form's action (log-in and set-up use it bare): what `run` throws that a person can act on
 * (bad input, a refusal, the database away) becomes the form's state, with what was typed; anything
 * else is thrown on, Next's own redirect and 404 among them. Redirects happen after the try, where
 * nothing can take Next's redirect error for a failure.
 */
export function formAction<S extends FormState = FormState>(run: (form: FormData) => Promise<NoInfer<S> | Redirect>) {
  return async (_state: S, form: FormData): Promise<S> => {
    let outcome: S | Redirect;
    try {
      outcome = await run(form);
    } catch (error) {
      // A crafted post whose argument is no form at all: a 404 (see toFormState).
      return toFormState(error, form) as S;
    }
    if (outcome instanceof Redirect) redirect(outcome.to);
    return outcome;
  };
}

/**
 * A form's action for a signed-in operator (others go to the log-in or set-up) whose role allows
 * `permission` (null: any role). The verbs `run` calls check their own permission again, as for
 * every caller; checked here first, a refusal comes before anything is read. After a write, the
 * answer waits for the public page to show it (a rebuild, ~0.1 s) and the admin's pages are rendered
 * afresh. (The admin API answers at once: its callers are scripts, and the page follows within a second.)
 */
export function adminAction<S extends FormState = FormState>(permission: Permission | null, run: (form: FormData, context: ActionContext) => Promise<NoInfer<S> | Redirect>) {
  return formAction<S>(async (form) => {
    const { operator, actor } = await signedInActor();
    if (permission) requirePermission(actor, permission);
    const outcome = await run(form, { db: getDb(), operator, actor });
    if (outcome instanceof Redirect || !outcome.error || outcome.wrote) {
      await publicPageCaughtUp();
      revalidatePath('/admin', 'layout');
    }
    return outcome;
  });
}

/** The signed-in operator and the actor their writes are made as. */
export async function signedInActor() {
  const operator = await requireOperator();
  return { operator, actor: operatorActor(operator) };
}
