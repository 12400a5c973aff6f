'use client';
import { useActionState } from 'react';
import { createApiKeyAction, revokeApiKeyAction } from '@/lib/actions/api-keys';
import { type FormState, wasChecked } from '@/lib/admin-ui/form-state';
import { API_KEY_SCOPES } from '@/lib/schemas/api-key';
import { BUTTON, FormError, Notice, SECONDARY_BUTTON, TextField } from './fields';

const SCOPE_HELP: Record<(typeof API_KEY_SCOPES)[number], string> = {
  read: 'read incidents and components',
  incidents: 'open and update incidents and maintenance, and deploy windows',
  components: 'change component status',
  deploys: 'open and finish deploy windows, nothing else (for a deploy pipeline)',
  alerts: 'post alerts from Prometheus Alertmanager or Grafana',
  admin: 'everything, also adding, editing and removing components and groups',
};

export function ApiKeyForm() {
  const [state, action, pending] = useActionState<FormState & { key?: string }, FormData>(createApiKeyAction, {});
  return (
    <form action={action} className="space-y-4">
      <Notice message={state.key}>
        <p className="font-semibold">Copy the new key now: it will not be shown again.</p>
        <code className="mt-1 block break-all select-all" data-testid="new-api-key">
          {state.key}
        </code>
      </Notice>
      <FormError message={state.error} />
      <TextField name="name" label="Name" placeholder="deploy-bot" required maxLength={100} defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        {state.fieldErrors?.scopes && <p className="text-sm text-major">{state.fieldErrors.scopes}</p>}
        <div className="mt-1 flex flex-wrap gap-4">
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={wasChecked(state.values, 'scopes', scope, scope === 'read')} />
              <span>
                <code>{scope}</code> <span className="text-slate-500 dark:text-slate-400">({SCOPE_HELP[scope]})</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className={BUTTON} disabled={pending}>
        Create key
      </button>
    </form>
  );
}

/** Revoking asks once more (the details), and says next to the key if it could not. */
export function RevokeApiKeyForm({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeApiKeyAction, {});
  return (
    <details open={Boolean(state.error) || undefined}>
      <summary className="cursor-pointer text-sm underline">Revoke…</summary>
      <form action={action} className="mt-2 space-y-2">
        <Notice message={state.notice} />
        <FormError message={state.error} />
        <input type="hidden" name="id" value={id} />
        <button type="submit" className={SECONDARY_BUTTON} disabled={pending}>
          Revoke {name} now
        </button>
      </form>
    </details>
  );
}
