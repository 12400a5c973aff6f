// What a role without the permission sees instead of a form it could not submit.
import { OPERATOR_REFUSALS, type Permission } from '@/lib/access/permissions';

export function ReadOnlyNotice({ permission }: { permission: Permission }) {
  return (
    <p role="note" className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
      Read only: {OPERATOR_REFUSALS[permission]}
    </p>
  );
}

/** A page a role may not use (a form for posting incidents and maintenance, the subscribers): its title and why not. */
export function ReadOnlyPage({ title, permission = 'incidents.write' }: { title: string; permission?: Permission }) {
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <ReadOnlyNotice permission={permission} />
    </>
  );
}
