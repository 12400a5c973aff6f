import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Public responses are cacheable by browsers and CDNs, and may be served stale if we are down. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=10, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400';

type Encoding = 'br' | 'gzip' | 'identity';

/** One encoding of an artifact, with its headers built once: the hot path only picks one. */
interface Variant {
  body: Buffer;
  headers: Readonly<Record<string, string>>;
  notModifiedHeaders: Readonly<Record<string, string>>;
}

/** A rendered response kept in memory: its bytes, compressed once, with a strong ETag. */
export interface Artifact {
  status: number;
  /** The uncompressed bytes. */
  body: Buffer;
  /** Strong validator of the uncompressed bytes; the compressed forms get suffixed variants. */
  etag: string;
  variants: Readonly<Record<Encoding, Variant>>;
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
  const etag = `"${hash}"`;
  const common = {
    'content-type': input.contentType,
    'cache-control': input.cacheControl ?? PUBLIC_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    ...input.headers,
    vary: 'Accept-Encoding',
  };
  const variant = (encoding: Encoding, bytes: Buffer): Variant => {
    const notModifiedHeaders = { ...common, etag: encoding === 'identity' ? etag : `"${hash}-${encoding === 'br' ? 'br' : 'gz'}"` };
    const encodingHeader: Record<string, string> = encoding === 'identity' ? {} : { 'content-encoding': encoding };
    return { body: bytes, notModifiedHeaders, headers: { ...notModifiedHeaders, ...encodingHeader, 'content-length': String(bytes.length) } };
  };
  return {
    status: input.status ?? 200,
    body,
    etag,
    variants: {
      identity: variant('identity', body),
      gzip: variant('gzip', gzipSync(body, { level: 9 })),
      br: variant(
        'br',
        brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      ),
    },
  };
}

export interface ArtifactReply {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Buffer | null;
}

/** Chooses the representation for a request: 304 when the client has it, else the best encoding. */
export function replyWithArtifact(
  artifact: Artifact,
  request: { method?: string; ifNoneMatch?: string | null; acceptEncoding?: string | null },
): ArtifactReply {
  const variant = artifact.variants[chooseEncoding(request.acceptEncoding ?? '')];
  if (artifact.status === 200 && request.ifNoneMatch && matchesEtag(request.ifNoneMatch, artifact.etag)) {
    return { status: 304, headers: variant.notModifiedHeaders, body: null };
  }
  return { status: artifact.status, headers: variant.headers, body: request.method === 'HEAD' ? null : variant.body };
}

/** Any of our three variants of the tag (or `*`) counts: they name the same content. */
function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  const base = etag.slice(1, -1);
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || tag === `"${base}-gz"` || tag === `"${base}-br"`;
  });
}

// Clients send a handful of distinct Accept-Encoding values; parse each once.
const encodingByHeader = new Map<string, Encoding>();

function chooseEncoding(acceptEncoding: string): Encoding {
  let encoding = encodingByHeader.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(acceptEncoding);
    if (encodingByHeader.size >= 1000) encodingByHeader.clear();
    encodingByHeader.set(acceptEncoding, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(acceptEncoding: string): Encoding {
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

/**
 * The same reply as a web Response, for Next.js route handlers: uncompressed, since Next drops a
 * route handler's Content-Encoding (the custom server, which serves these paths, compresses).
 */
export function artifactResponse(artifact: Artifact, request: Request): Response {
  const reply = replyWithArtifact(artifact, {
    method: request.method,
    ifNoneMatch: request.headers.get('if-none-match'),
    acceptEncoding: 'identity',
  });
  return new Response(reply.body ? new Uint8Array(reply.body) : null, { status: reply.status, headers: reply.headers });
}
