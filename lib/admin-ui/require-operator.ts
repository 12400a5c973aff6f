import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentOperator, hasOperators, type Operator } from '../auth/operators.ts';
import { getDb } from '../db/client.ts';

/** The signed-in operator; anyone else goes to the log-in (or, on a fresh install, the set-up). */
export async function requireOperator(): Promise<Operator> {
  const operator = await currentOperator(await headers());
  if (operator) return operator;
  redirect((await hasOperators(getDb())) ? '/admin/login' : '/admin/setup');
}
