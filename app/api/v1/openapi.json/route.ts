// GET /api/v1/openapi.json: the admin API's OpenAPI document, generated from its zod schemas.
import { openApiDocument } from '@/lib/admin-api/openapi';
import { getEnv } from '@/lib/env';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return Response.json(openApiDocument(getEnv().PUBLIC_URL ?? new URL(request.url).origin), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
  });
}
