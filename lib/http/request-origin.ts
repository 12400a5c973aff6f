/**
 * The address the client used, from the Host header (behind the custom server, Next's
 * `request.url` names the address Next was started with instead). A proxy's X-Forwarded-Host and
 * -Proto count only when TRUST_PROXY says there is one: anyone else could write them.
 */
export function requestOrigin(request: Request, behindTrustedProxy: boolean): string {
  const first = (name: string) => request.headers.get(name)?.split(',')[0].trim() || undefined;
  const url = new URL(request.url);
  const host = (behindTrustedProxy && first('x-forwarded-host')) || first('host') || url.host;
  const protocol = (behindTrustedProxy && first('x-forwarded-proto')) || url.protocol.replace(':', '');
  return `${protocol}://${host}`;
}
