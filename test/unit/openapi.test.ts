import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_ENDPOINTS, openApiDocument } from '@/lib/admin-api/openapi';
import { ERROR_CODES } from '@/lib/error-codes';

const ROUTES = path.resolve(import.meta.dirname, '../../app/api/v1/pages');

/** `[pageId]/incidents/[incidentId]` → `/pages/{page_id}/incidents/{incident_id}`, with its methods. */
function routeFiles(dir = ROUTES): { path: string; methods: string[] }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== 'route.ts') return [];
    const apiPath = `/pages/${path.relative(ROUTES, dir)}`.replace(/\/$/, '').replace(/\[(\w+)\]/g, (_, name: string) => `{${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}}`);
    const methods = [...fs.readFileSync(full, 'utf8').matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\b/g)].map((match) => match[1].toLowerCase());
    return [{ path: apiPath, methods }];
  });
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes that exist, with their methods', () => {
    const documented = ADMIN_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort();
    const served = routeFiles().flatMap((route) => route.methods.map((method) => `${method} ${route.path}`)).sort();
    expect(documented).toEqual(served);
  });

  it('describes request bodies from the zod schemas the API validates with', () => {
    const document = openApiDocument('https://status.example.com/');
    expect(document.servers).toEqual([{ url: 'https://status.example.com/api/v1' }]);
    const create = document.paths['/pages/{page_id}/incidents'].post as { requestBody: { content: Record<string, { schema: { properties: { incident: { required: string[]; properties: Record<string, { enum?: string[]; type?: string; format?: string; anyOf?: { enum?: string[]; const?: string; type?: string }[] }> } } } }> } };
    const incident = create.requestBody.content['application/json'].schema.properties.incident;
    expect(incident.required).toEqual(['name']);
    const statuses = incident.properties.status.anyOf!.flatMap((option) => option.enum ?? [option.const]);
    expect(statuses).toEqual(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem', 'scheduled']);
    expect(incident.properties.started_at).toEqual({ anyOf: [expect.objectContaining({ type: 'string', format: 'date-time' }), { type: 'null' }] });
    expect(Object.keys(create.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    const patch = document.paths['/pages/{page_id}/incidents/{incident_id}'].patch as { parameters: { name: string }[]; responses: Record<string, unknown> };
    expect(patch.parameters.map((parameter) => parameter.name)).toEqual(['page_id', 'incident_id', 'If-Match']);
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '409', '422', '429']));
  });

  it('lists every error code with its status, as lib/error-codes.ts has them', () => {
    const document = openApiDocument('https://status.example.com');
    type ErrorResponse = { description: string; content: { 'application/json': { schema: { properties: { error: { properties: { code: { enum: string[] } } } } } } } };
    const responses = document.components.responses as Record<string, ErrorResponse>;
    const listed = Object.entries(responses).flatMap(([name, response]) => {
      const codes = response.content['application/json'].schema.properties.error.properties.code.enum;
      for (const code of codes) expect(response.description).toContain(`\`${code}\`: ${ERROR_CODES[code as keyof typeof ERROR_CODES].description}`);
      return codes.map((code) => [code, Number(name.replace('Error', ''))]);
    });
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status])));
    const error = document.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    expect(error.properties.error.properties.code.enum.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('gives every operation each error status, and every reference resolves', () => {
    const document = openApiDocument('https://status.example.com');
    const statuses = [...new Set(Object.values(ERROR_CODES).map(({ status }) => String(status)))].sort();
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { responses: Record<string, { $ref?: string }> }>)) {
        const errors = Object.keys(operation.responses).filter((status) => Number(status) >= 400);
        expect(errors.sort(), `${method} ${route}`).toEqual(statuses);
      }
    }
    const text = JSON.stringify(document);
    for (const [, target] of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
      const found = target.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      expect(found, target).toBeDefined();
    }
  });
});
