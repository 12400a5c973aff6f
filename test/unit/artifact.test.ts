import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createArtifact, replyWithArtifact } from '@/lib/http/artifact';

describe('artifacts', () => {
  const artifact = createArtifact({ body: '{"hello":"world"}'.repeat(50), contentType: 'application/json' });

  it('has a strong ETag that changes with the bytes', () => {
    expect(artifact.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(createArtifact({ body: 'other', contentType: 'application/json' }).etag).not.toBe(artifact.etag);
    expect(createArtifact({ body: '{"hello":"world"}'.repeat(50), contentType: 'application/json' }).etag).toBe(artifact.etag);
  });

  it('serves brotli, gzip or identity as the client accepts, each with its own tag', () => {
    const br = replyWithArtifact(artifact, { acceptEncoding: 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body!).equals(artifact.body)).toBe(true);
    const gz = replyWithArtifact(artifact, { acceptEncoding: 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body!).equals(artifact.body)).toBe(true);
    const plain = replyWithArtifact(artifact, { acceptEncoding: 'br;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body!.equals(artifact.body)).toBe(true);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    // The choice is remembered per header value; asking again must not change it.
    expect(replyWithArtifact(artifact, { acceptEncoding: 'br;q=0' }).headers['content-encoding']).toBeUndefined();
    expect(replyWithArtifact(artifact, { acceptEncoding: 'gzip, deflate, br' }).headers['content-encoding']).toBe('br');
  });

  it('answers 304 with no body to any of its tags', () => {
    const gz = replyWithArtifact(artifact, { acceptEncoding: 'gzip' });
    for (const tag of [artifact.etag, gz.headers.etag, `W/${artifact.etag}`, `"x", ${gz.headers.etag}`]) {
      const reply = replyWithArtifact(artifact, { acceptEncoding: 'gzip', ifNoneMatch: tag });
      expect(reply.status).toBe(304);
      expect(reply.body).toBeNull();
      expect(reply.headers.etag).toBe(gz.headers.etag);
      expect(reply.headers['content-length']).toBeUndefined();
    }
    expect(replyWithArtifact(artifact, { ifNoneMatch: '"stale"' }).status).toBe(200);
  });

  it('sends headers without a body to HEAD', () => {
    const reply = replyWithArtifact(artifact, { method: 'HEAD' });
    expect(reply.body).toBeNull();
    expect(reply.headers['content-length']).toBe(String(artifact.body.length));
    expect(reply.headers['cache-control']).toContain('stale-if-error');
  });
});
