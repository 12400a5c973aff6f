import type { Metadata } from 'next';
import { ADMIN_ENDPOINTS, bodySchema } from '@/lib/admin-api/openapi';
import { ERROR_CODES } from '@/lib/error-codes';

export const metadata: Metadata = { title: 'Admin API reference · Gatewatch' };
// Rendered per request, so its scripts carry the nonce of the policy proxy.ts sets.
export const dynamic = 'force-dynamic';

type JsonSchema = { const?: string; propertyNames?: { pattern?: string }; type?: string; enum?: string[]; anyOf?: JsonSchema[]; default?: unknown; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; additionalProperties?: JsonSchema; maxLength?: number; format?: string };

/** A field's type in words: "string, one of a | b", "map of id → status". */
function describeType(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeType).join(' or ');
  if (schema.enum) return `one of ${schema.enum.join(' | ')}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array') return `list of ${schema.items ? describeType(schema.items) : 'values'}`;
  if (schema.type === 'object' && schema.additionalProperties) return `map of ${schema.propertyNames?.pattern ? 'id' : 'key'} → ${describeType(schema.additionalProperties)}`;
  if (schema.format === 'date-time') return 'ISO 8601 time';
  if (schema.type === 'null') return 'null';
  return schema.type ?? 'any';
}

/** The fields inside the body's one wrapper ({"incident": {...}}), as Statuspage nests them. */
function BodyFields({ schema }: { schema: JsonSchema }) {
  const [wrapper, inner] = Object.entries(schema.properties ?? {})[0] ?? [];
  if (!wrapper || !inner) return null;
  return (
    <div className="overflow-x-auto">
      <p className="mb-1 text-sm">
        Body: <code>{`{"${wrapper}": {…}}`}</code>, JSON or form-encoded (<code>{`${wrapper}[name]=…`}</code>)
      </p>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-1 pr-4">Field</th>
            <th className="py-1 pr-4">Type</th>
            <th className="py-1">Default</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(inner.properties ?? {}).map(([name, field]) => (
            <tr key={name} className="border-b border-slate-100 align-top dark:border-slate-900">
              <td className="py-1 pr-4 font-mono">
                {name}
                {inner.required?.includes(name) && <span className="text-major"> *</span>}
              </td>
              <td className="py-1 pr-4">{describeType(field)}</td>
              <td className="py-1 font-mono">{field.default === undefined ? '' : JSON.stringify(field.default)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiReference() {
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <header className="space-y-3">
        <h1 className="text-2xl font-bold">Gatewatch admin API</h1>
        <p>
          Base URL <code>/api/v1</code>, in the shapes of Atlassian Statuspage&apos;s Manage API. Send an API key as{' '}
          <code>Authorization: Bearer &lt;key&gt;</code> or <code>Authorization: OAuth &lt;key&gt;</code>. Create keys with{' '}
          <code>npm run gatewatch -- api-key create --name NAME --scopes read,incidents</code>. Machine-readable:{' '}
          <a href="/api/v1/openapi.json" className="underline">openapi.json</a>.
        </p>
        <p>
          Errors: <code>{'{"error":{"code","message","details"}}'}</code>, with the status of their code (below). Every response carries{' '}
          <code>X-Request-Id</code>, the id the server&apos;s log gives the request; a 500 gives it in <code>details</code> too.
        </p>
      </header>
      <section aria-label="Error codes" className="space-y-2 overflow-x-auto">
        <h2 className="text-base font-semibold">Error codes</h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="py-1 pr-4">Code</th>
              <th className="py-1 pr-4">Status</th>
              <th className="py-1">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(ERROR_CODES).map(([code, { status, description }]) => (
              <tr key={code} className="border-b border-slate-100 align-top dark:border-slate-900">
                <td className="py-1 pr-4 font-mono">{code}</td>
                <td className="py-1 pr-4">{status}</td>
                <td className="py-1">{description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {ADMIN_ENDPOINTS.map((endpoint) => (
        <section key={`${endpoint.method} ${endpoint.path}`} aria-label={`${endpoint.method.toUpperCase()} ${endpoint.path}`} className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          <h2 className="font-mono text-base font-semibold">
            {endpoint.method.toUpperCase()} {endpoint.path}
          </h2>
          <p>
            {endpoint.summary}. Scope <code>{endpoint.scope}</code>
            {endpoint.scopeNote && <> ({endpoint.scopeNote.replace(/`/g, '')})</>}. {endpoint.returns ? <>Returns {endpoint.returns} ({endpoint.success}).</> : <>Answers {endpoint.success} with no body.</>}
            {endpoint.ifMatch && <> Send <code>If-Match</code> with the ETag you read to have a stale write refused (409).</>}
          </p>
          {endpoint.body && <BodyFields schema={bodySchema(endpoint.body) as JsonSchema} />}
        </section>
      ))}
    </main>
  );
}
