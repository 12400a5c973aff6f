// The custom server (server.ts, loaded by tsx) and Next's server bundle each load their own copy of
// lib/: in one process, every module-level variable and every class exists twice. What both copies
// must share lives here, on globalThis under a registered symbol; nothing else touches globalThis.

const keyOf = (name: string) => Symbol.for(`gatewatch.${name}`);

/** The process's one `name`, made by `create` on first use by either copy. */
export function processGlobal<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = keyOf(name);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}

/**
 * A mark for instances of a class both copies make: `instanceof` compares class identity, which
 * differs between the copies, so such classes check this mark instead (see AppError).
 */
export const processBrand = (name: string): symbol => keyOf(`brand.${name}`);
