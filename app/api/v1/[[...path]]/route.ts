// /api/v1 itself and any other /api/v1 path: a 404 in the admin API's JSON error shape, whatever the method.
import { jsonError } from '@/lib/http/json-error';

export const dynamic = 'force-dynamic';

async function notFound(request: Request) {
  const { pathname } = new URL(request.url);
  return jsonError('not_found', `There is no admin API endpoint at ${pathname}; see /api/v1/openapi.json.`);
}

export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
