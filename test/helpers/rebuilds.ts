// How many times a running server has rebuilt its public snapshot (its /readyz says), and how long to
// wait before concluding it did not: a rebuild comes 50 ms after a write, the SQLite watcher looks
// every 250 ms.
export async function snapshotRebuilds(baseUrl: string): Promise<number> {
  return (await (await fetch(`${baseUrl}/readyz`)).json()).snapshot.rebuilds;
}

export const waitOutRebuild = (ms = 600) => new Promise((resolve) => setTimeout(resolve, ms));
