// GET /api/v1/openapi.json: the admin API's OpenAPI document, generated from its zod schemas.
import { openApiDocument } from '@/lib/admin-api/openapi';
import { getEnv } from '@/lib/env';
import { otherMethods } from '@/lib/http/admin-route';
import { requestOrigin } from '@/lib/http/request-origin';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const env = getEnv();
  return Response.json(openApiDocument(env.PUBLIC_URL ?? requestOrigin(request, env.TRUST_PROXY !== null)), {
    // Its server address follows the request's host unless PUBLIC_URL is set.
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300', vary: 'Host, X-Forwarded-Host, X-Forwarded-Proto' },
  });
}

export const { HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
