// Every page Next.js renders (the admin, the API reference, error pages) runs only the scripts Next
// itself puts in, marked with a fresh nonce: a script an operator's text might smuggle in never runs.
// Public pages are served from memory with their own policy, which allows no script but a page's own
// inline ones, by their hash (lib/read-path/fast-path.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPage } from './lib/read-path/public-paths.ts';

export function proxy(request: NextRequest) {
  // Public pages are rendered once per snapshot for the read path, which strips Next's scripts and
  // sends its own policy: a nonce in their bytes would only make every rendering differ.
  if (isPublicPage(request.nextUrl.pathname)) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  // React's development build evaluates code to show server errors in the browser.
  const devEval = process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : '';
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    // React sets style attributes (a nonce cannot cover those).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
  // Next reads the nonce from the request's policy and puts it on its own scripts.
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  // Not the JSON API, nor Next's static files.
  matcher: ['/((?!api/|_next/static|_next/image|icon.svg).*)'],
};
