import { oneClickUnsubscribePath } from '@/lib/notifications/payloads';
import { DANGER_BUTTON } from '../admin/fields';

/** A plain form posting to the one-click endpoint, which sends the browser on to /unsubscribed. */
export function UnsubscribeButton({ token }: { token: string }) {
  return (
    <form method="post" action={oneClickUnsubscribePath(token)}>
      <button type="submit" className={DANGER_BUTTON}>
        Unsubscribe
      </button>
    </form>
  );
}
