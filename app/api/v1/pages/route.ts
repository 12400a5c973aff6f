// GET /api/v1/pages: the pages this key manages, as Statuspage lists them; here, the one page.
import { pagesResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';

export const dynamic = 'force-dynamic';

export const GET = adminRoute<Record<string, never>>('read', ({ db }) => pagesResponse(db));

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
