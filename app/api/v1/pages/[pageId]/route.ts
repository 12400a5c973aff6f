// GET, PATCH /api/v1/pages/{page_id}: the page's name, URL, time zone and branding.
import { pageResponse } from '@/lib/admin-api/responses';
import { adminRoute, otherMethods } from '@/lib/http/admin-route';
import { updatePageSettings } from '@/lib/page/page-settings';
import { apiPageUpdateSchema } from '@/lib/admin-api/request-schemas';

export const dynamic = 'force-dynamic';

export const GET = adminRoute('read', ({ db }) => pageResponse(db));

export const PATCH = adminRoute('page.configure', async ({ db, body, actor }) => {
  await updatePageSettings(db, apiPageUpdateSchema.parse(body), actor);
  return pageResponse(db);
});

export const { HEAD, POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
