// GET /api/v1/pages/{page_id}/components: groups and components, as the public JSON lists them.
import { componentsResponse } from '@/lib/admin-api/responses';
import { adminRoute } from '@/lib/http/admin-route';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => componentsResponse(db));
