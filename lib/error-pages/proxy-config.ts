// Copy-ready configuration that makes a reverse proxy show Gatewatch's error pages instead of its own,
// from the directory `npm run gatewatch -- error-pages --out DIR` keeps current (Traefik fetches them
// from Gatewatch). The browser still gets the error's status. The tests run these very snippets in
// Debian's nginx, Caddy and HAProxy.

export const DEFAULT_ERROR_PAGES_DIR = '/var/lib/gatewatch/error-pages';

export interface ProxyConfigInput {
  /** Where the files are on the proxy's machine. */
  dir: string;
  /** The app the proxy forwards to, as the proxy names it. */
  upstream: string;
  /** Gatewatch's address, for Traefik, which fetches the pages; '' when not known. */
  statusUrl: string;
}

export interface ProxyConfig {
  id: 'nginx' | 'caddy' | 'haproxy' | 'traefik';
  name: string;
  /** Where the snippet goes, in a sentence. */
  where: string;
  config: string;
}

const trimSlash = (dir: string) => dir.replace(/\/+$/, '') || '/';

export function nginxConfig({ dir, upstream }: ProxyConfigInput): string {
  return `location / {
    proxy_pass http://${upstream};
    # The app's own 502, 503 and 504 answers get the pages too, not only nginx's.
    proxy_intercept_errors on;
    error_page 502 /gatewatch-errors/502.html;
    error_page 503 /gatewatch-errors/503.html;
    error_page 504 /gatewatch-errors/504.html;
}

location ^~ /gatewatch-errors/ {
    internal;
    alias ${trimSlash(dir)}/;
    add_header Cache-Control "no-store" always;
}`;
}

export function caddyConfig({ dir, upstream }: ProxyConfigInput): string {
  const files = trimSlash(dir);
  return `reverse_proxy ${upstream} {
	# The app's own 502, 503 and 504 answers get the pages too, not only Caddy's.
	@gateway_error status 502 503 504
	handle_response @gateway_error {
		root * ${files}
		rewrite * /{rp.status_code}.html
		header Cache-Control "no-store"
		file_server {
			status {rp.status_code}
		}
	}
}

handle_errors {
	@gateway_error expression \`{err.status_code} in [502, 503, 504]\`
	handle @gateway_error {
		root * ${files}
		rewrite * /{err.status_code}.html
		header Cache-Control "no-store"
		file_server
	}
}`;
}

export function haproxyConfig({ dir, upstream }: ProxyConfigInput): string {
  const files = trimSlash(dir);
  return `# In the defaults (or the frontend) section: HAProxy's own errors.
errorfile 502 ${files}/502.http
errorfile 503 ${files}/503.http
errorfile 504 ${files}/504.http

# In the backend: the app's own 502, 503 and 504 answers get the pages too.
backend app
    mode http
    http-response return status 502 default-errorfiles if { status 502 }
    http-response return status 503 default-errorfiles if { status 503 }
    http-response return status 504 default-errorfiles if { status 504 }
    server app1 ${upstream}`;
}

export function traefikConfig({ statusUrl }: ProxyConfigInput): string {
  return `# Dynamic configuration (file provider). Add the middleware to your app's router:
#   middlewares: [gatewatch-errors]
http:
  middlewares:
    gatewatch-errors:
      errors:
        status: ["502-504"]
        service: gatewatch-error-pages
        query: "/errors/{status}.html"
  services:
    gatewatch-error-pages:
      loadBalancer:
        # Gatewatch is asked for its own address, not the app's.
        passHostHeader: false
        servers:
          - url: "${statusUrl || 'https://status.example.com'}"`;
}

export function proxyConfigs(input: ProxyConfigInput): ProxyConfig[] {
  return [
    { id: 'nginx', name: 'nginx', where: 'In the server block that proxies to your app, in place of its location /.', config: nginxConfig(input) },
    { id: 'caddy', name: 'Caddy', where: "In your site's block of the Caddyfile, in place of its reverse_proxy line.", config: caddyConfig(input) },
    {
      id: 'haproxy',
      name: 'HAProxy',
      where:
        'In haproxy.cfg; the .http files are whole HTTP responses, as errorfile wants them. HAProxy reads them when it starts or reloads (write them first): between reloads the script on the page brings the status up to date.',
      config: haproxyConfig(input),
    },
    {
      id: 'traefik',
      name: 'Traefik',
      where: "Traefik's errors middleware fetches the page from a service: here Gatewatch itself, so it needs Gatewatch reachable (or serve the directory with any static file server and point the service there).",
      config: traefikConfig(input),
    },
  ];
}

const SAFE_DIR = /^\/[\w./-]*$/;
const SAFE_UPSTREAM = /^(?:[\w.-]+|\[[0-9a-f:]+\])(?::\d{1,5})?$/i;
const DEFAULT_UPSTREAM = '127.0.0.1:8080';

/**
 * The folder and upstream the admin fills the snippets with, from its form (`?dir=&upstream=`): what
 * cannot go into a config file as it is (quotes, spaces, a relative folder) is refused with why.
 */
export function proxySetupFrom(query: Record<string, string | string[] | undefined>, statusUrl: string): ProxyConfigInput & { problem: string | null } {
  const text = (value: string | string[] | undefined) => (typeof value === 'string' ? value.trim() : '');
  const dir = text(query.dir) || DEFAULT_ERROR_PAGES_DIR;
  const upstream = text(query.upstream) || DEFAULT_UPSTREAM;
  const dirOk = SAFE_DIR.test(dir) && !dir.includes('..');
  const upstreamOk = SAFE_UPSTREAM.test(upstream);
  const problems = [
    dirOk ? '' : 'The folder must be a full path such as /var/lib/gatewatch/error-pages, with letters, digits, dots, dashes and slashes only.',
    upstreamOk ? '' : 'The app must be a host and port such as 127.0.0.1:8080 or app:3000.',
  ].filter(Boolean);
  return { dir: dirOk ? dir : DEFAULT_ERROR_PAGES_DIR, upstream: upstreamOk ? upstream : DEFAULT_UPSTREAM, statusUrl, problem: problems.join(' ') || null };
}
