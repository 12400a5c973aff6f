'use server';
// API keys from the admin UI (owners and admins).
import { type FormState, formList, formText } from '../admin-ui/form-state.ts';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys.ts';
import type { ApiKeyScope } from '../schemas/api-key.ts';
import { adminAction } from './admin-action.ts';

/** The new key is in the returned state: the only time it is ever shown. */
export const createApiKeyAction = adminAction<FormState & { key?: string }>('api_keys.manage', async (form, { db, actor }) => {
  const { key } = await createApiKey(db, { name: formText(form, 'name'), scopes: formList(form, 'scopes') as ApiKeyScope[] }, actor);
  return { key };
});

export const revokeApiKeyAction = adminAction('api_keys.manage', async (form, { db, actor }) => {
  await revokeApiKey(db, formText(form, 'id'), actor);
  return { notice: 'Revoked.' };
});
