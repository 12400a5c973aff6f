// POST /api/unsubscribe/{token}: one-click unsubscribe (RFC 8058: mail clients post here from the
// List-Unsubscribe-Post header), and the unsubscribe button's target. Always "unsubscribed": a
// second click, or one on an old email, is no error for the person.
import { getDb } from '@/lib/db/client';
import { jsonError } from '@/lib/http/json-error';
import { unsubscribeByToken } from '@/lib/notifications/public-subscribe';
import { unsubscribePrefix } from '@/lib/notifications/payloads';
import { publicBaseUrl } from '@/lib/page/page-settings';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

/** A person's browser (the button) goes on to a page; a mail client or a script gets JSON. */
const fromBrowser = (request: Request) => request.headers.get('sec-fetch-mode') === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');

export async function POST(request: Request, { params }: Context) {
  const { token } = await params;
  if (token.length > 100) return jsonError('not_found', 'That unsubscribe link is not valid.');
  await unsubscribeByToken(getDb(), token);
  if (fromBrowser(request)) return new Response(null, { status: 303, headers: { location: '/unsubscribed', 'cache-control': 'no-store' } });
  return Response.json({ unsubscribed: true }, { headers: { 'cache-control': 'no-store' } });
}

/** Opening the link in a browser shows the page that asks first. */
export async function GET(_request: Request, { params }: Context) {
  const { token } = await params;
  const base = await publicBaseUrl(getDb());
  return new Response(null, { status: 303, headers: { location: `${unsubscribePrefix(base)}${encodeURIComponent(token)}`, 'cache-control': 'no-store' } });
}
