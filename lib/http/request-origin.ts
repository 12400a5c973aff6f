/**
 * The address the client used, from the Host header (or a proxy's X-Forwarded-Host and -Proto):
 * behind the custom server, Next's `request.url` names the address Next was started with instead.
 */
export function requestOrigin(request: Request): string {
  const first = (name: string) => request.headers.get(name)?.split(',')[0].trim();
  const host = first('x-forwarded-host') ?? first('host') ?? new URL(request.url).host;
  const protocol = first('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '');
  return `${protocol}://${host}`;
}
