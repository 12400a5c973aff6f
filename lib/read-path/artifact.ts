import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Public responses are cacheable by browsers and CDNs, and may be served stale if we are down. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=10, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400';

/** A rendered response kept in memory: its bytes, compressed once, with a strong ETag. */
export interface Artifact {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  /** Strong validator of the uncompressed bytes; the compressed forms get suffixed variants. */
  etag: string;
}

export function createArtifact(input: {
  body: string | Buffer;
  contentType: string;
  status?: number;
  cacheControl?: string;
  headers?: Record<string, string>;
}): Artifact {
  const body = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return {
    status: input.status ?? 200,
    headers: {
      'content-type': input.contentType,
      'cache-control': input.cacheControl ?? PUBLIC_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      ...input.headers,
    },
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    etag: `"${hash}"`,
  };
}

export interface ArtifactReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/** Chooses the representation for a request: 304 when the client has it, else the best encoding. */
export function replyWithArtifact(
  artifact: Artifact,
  request: { method?: string; ifNoneMatch?: string | null; acceptEncoding?: string | null },
): ArtifactReply {
  const encoding = chooseEncoding(request.acceptEncoding ?? '');
  const etag = encoding === 'identity' ? artifact.etag : `${artifact.etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
  const headers: Record<string, string> = { ...artifact.headers, etag, vary: 'Accept-Encoding' };
  if (artifact.status === 200 && matchesEtag(request.ifNoneMatch, artifact.etag)) {
    return { status: 304, headers, body: null };
  }
  const body = encoding === 'br' ? artifact.brotli : encoding === 'gzip' ? artifact.gzip : artifact.body;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  return { status: artifact.status, headers, body: request.method === 'HEAD' ? null : body };
}

/** Any of our three variants of the tag (or `*`) counts: they name the same content. */
function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || tag === `"${base}-gz"` || tag === `"${base}-br"`;
  });
}

function chooseEncoding(acceptEncoding: string): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? accepted.get('*') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** The same reply as a web Response, for Next.js route handlers. */
export function artifactResponse(artifact: Artifact, request: Request): Response {
  const reply = replyWithArtifact(artifact, {
    method: request.method,
    ifNoneMatch: request.headers.get('if-none-match'),
    acceptEncoding: request.headers.get('accept-encoding'),
  });
  return new Response(reply.body ? new Uint8Array(reply.body) : null, { status: reply.status, headers: reply.headers });
}
