// "Notify subscribers" on the forms that post an update: the update's deliverNotifications.
import { wasChecked } from '@/lib/admin-ui/form-state';
import { Checkbox } from './fields';

/** Whether subscribers are told of this update: ticked unless the operator unticks it (`byDefault`). `id`: where two forms share a page. */
export function NotifyField({ id = 'deliverNotifications', values, byDefault = true, changesComponents = true }: { id?: string; values?: Record<string, string>; byDefault?: boolean; changesComponents?: boolean }) {
  return (
    <Checkbox
      id={id}
      name="deliverNotifications"
      label="Notify subscribers"
      hint={`By email, chat and webhook.${changesComponents ? ' Unticked, the update is posted quietly; a component status it changes still reaches those who follow that component.' : ' Unticked, it is posted quietly.'}`}
      defaultChecked={wasChecked(values, 'deliverNotifications', 'on', byDefault)}
    />
  );
}
