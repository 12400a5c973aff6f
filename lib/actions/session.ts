'use server';
// Setting up, logging in and out, and one's own password.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formText } from '../admin-ui/form-state.ts';
import { changePassword, createOwner, logIn, logOut } from '../auth/operators.ts';
import { getDb } from '../db/client.ts';
import { adminAction, formAction, redirectTo } from './admin-action.ts';

export const setUpAction = formAction(async (form) => {
  const details = { name: formText(form, 'name'), email: formText(form, 'email'), password: formText(form, 'password') };
  await createOwner(getDb(), details);
  await logIn(details, await headers());
  return redirectTo('/admin');
});

export const logInAction = formAction(async (form) => {
  await logIn({ email: formText(form, 'email'), password: formText(form, 'password') }, await headers());
  return redirectTo('/admin');
});

export async function logOutAction() {
  await logOut(await headers());
  redirect('/admin/login');
}

export const changePasswordAction = adminAction(null, async (form) => {
  await changePassword(await headers(), { currentPassword: formText(form, 'currentPassword'), newPassword: formText(form, 'newPassword') });
  // A fresh request: this session was replaced by a new one, whose cookie the redirect carries.
  return redirectTo('/admin/account?password=changed');
});
