// GET /api/v1/openapi.json: the admin API's OpenAPI document, generated from its zod schemas.
import { openApiDocument } from '@/lib/admin-api/openapi';
import { getEnv } from '@/lib/env';
import { otherMethods } from '@/lib/http/admin-route';
import { requestOrigin } from '@/lib/http/request-origin';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return Response.json(openApiDocument(getEnv().PUBLIC_URL ?? requestOrigin(request)), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
  });
}

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
