// Next calls onRequestError for what a page, route handler or server action throws and nothing caught
// (the admin API answers its own errors in lib/http/admin-route.ts; the admin's forms turn the errors
// they expect into messages). Logged as one JSON line, with the request id server.ts gave the request and the
// digest Next shows on its error page, so an operator's report and the log line meet.
import type { Instrumentation } from 'next';
import { REQUEST_ID_HEADER } from './lib/http/request-id.ts';
import { log } from './lib/log.ts';

const WHERE = { render: 'a page', route: 'a route handler', action: 'a server action', proxy: 'proxy.ts' } as const;

export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const requestId = request.headers[REQUEST_ID_HEADER];
  log('error', `unexpected error in ${WHERE[context.routeType]}`, {
    requestId: typeof requestId === 'string' ? requestId : undefined,
    // The route's pattern, not the request's path: a query could hold something private.
    route: context.routePath,
    method: request.method,
    digest: (error as { digest?: unknown } | null)?.digest,
    error: error instanceof Error ? error.stack : String(error),
  });
};
