import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { buildSnapshot } from '../status/build-snapshot.ts';
import type { Snapshot } from '../status/snapshot-types.ts';
import type { Artifact } from '../http/artifact.ts';

/** Whether the snapshot is live, and since when it is not. */
export interface Freshness {
  /** The last rebuild from the database succeeded. */
  live: boolean;
  /** When the database last answered a rebuild. */
  lastSuccessAt: string | null;
  /** When rebuilds started failing, while they do. */
  failingSince: string | null;
}

export interface Current {
  snapshot: Snapshot;
  freshness: Freshness;
  /** Changes whenever anything a visitor sees changes (data or freshness). */
  version: string;
}

/** What a visitor could see of a snapshot, hashed: everything but the time it was built. */
function contentHash(snapshot: Snapshot): string {
  const { builtAt: _builtAt, ...content } = snapshot;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

const VOLATILE_ARTIFACTS_MAX = 500;
/**
 * Changes asked for within this long of each other share one rebuild: a burst of writes (a monitor
 * sweep, a script setting a hundred statuses) costs a few rebuilds, not one each.
 */
const COALESCE_MS = 50;

/** No snapshot at all: the database is unreachable and none was saved before (a 503 for visitors). */
export const snapshotUnavailable = (cause: unknown) =>
  new AppError('unavailable', 'No snapshot: the database is unreachable and none was saved before.', [], { cause });

/**
 * The public read path's state: the current snapshot, rebuilt from the database when data changes,
 * kept on disk for restarts while the database is down, and the responses rendered from it.
 */
export class ReadPath {
  private current: Current | null = null;
  private dataHash = '';
  private freshness: Freshness = { live: false, lastSuccessAt: null, failingSince: null };
  /** Responses for keys the snapshot bounds (its pages, endpoints, components). */
  private artifacts = new Map<string, Artifact>();
  /** Responses for keys visitors make up (a badge's own label, an unknown id): the most recent few. */
  private volatileArtifacts = new Map<string, Artifact>();
  private pendingArtifacts = new Map<string, Promise<Artifact | null>>();
  private rebuilding: Promise<void> | null = null;
  private rebuildAgain = false;
  /** Rebuilds from the database since start, for /readyz and the benchmark. */
  private rebuildCount = 0;
  private listeners = new Set<(current: Current) => void>();
  private lastError: unknown;

  constructor(
    private readonly options: {
      db: () => Db;
      snapshotFile: string;
      log?: (message: string, fields?: Record<string, unknown>) => void;
      now?: () => Date;
    },
  ) {}

  /** The current snapshot; on first use, built from the database or else read from disk. */
  async get(): Promise<Current> {
    if (this.current) return this.current;
    await this.refresh();
    if (!this.current) this.loadFromDisk();
    if (!this.current) throw snapshotUnavailable(this.lastError);
    return this.current;
  }

  peek(): Current | null {
    return this.current;
  }

  /**
   * Rebuilds from the database soon: calls within COALESCE_MS share one rebuild, and a call made
   * during a rebuild schedules one more after it, so no write is missed. The first build (nothing to
   * serve yet) starts at once.
   */
  refresh(): Promise<void> {
    if (this.rebuilding) {
      this.rebuildAgain = true;
      return this.rebuilding;
    }
    this.rebuilding = (async () => {
      let wait = this.current ? COALESCE_MS : 0;
      do {
        if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
        this.rebuildAgain = false;
        await this.rebuildOnce();
        wait = COALESCE_MS;
      } while (this.rebuildAgain);
    })().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** Resolves when the rebuild asked for so far (if any) is done: the writes announced by now are in. */
  settled(): Promise<void> {
    return this.rebuilding ?? Promise.resolve();
  }

  get rebuilds(): number {
    return this.rebuildCount;
  }

  private async rebuildOnce() {
    this.rebuildCount++;
    const now = this.options.now?.() ?? new Date();
    let snapshot: Snapshot;
    try {
      snapshot = await buildSnapshot(this.options.db(), now);
    } catch (error) {
      this.lastError = error;
      if (this.freshness.live || !this.freshness.failingSince) {
        this.options.log?.('snapshot rebuild failed; serving the last good snapshot', { error: String(error) });
        this.setFreshness({ ...this.freshness, live: false, failingSince: this.freshness.failingSince ?? now.toISOString() });
      }
      return;
    }
    const hash = contentHash(snapshot);
    const dataChanged = hash !== this.dataHash;
    this.dataHash = hash;
    const freshness = { live: true, lastSuccessAt: now.toISOString(), failingSince: null };
    if (dataChanged || !this.current) {
      this.publish(snapshot, freshness);
      this.saveToDisk(snapshot);
    } else if (!this.freshness.live) {
      this.setFreshness(freshness);
    } else {
      // Nothing visible changed: keep the version (and every ETag) as it is.
      this.freshness = freshness;
    }
  }

  private setFreshness(freshness: Freshness) {
    this.freshness = freshness;
    if (this.current) this.publish(this.current.snapshot, freshness);
  }

  private publish(snapshot: Snapshot, freshness: Freshness) {
    this.freshness = freshness;
    const version = createHash('sha256')
      .update(this.dataHash)
      .update(freshness.live ? 'live' : `stale:${freshness.failingSince}`)
      .digest('base64url')
      .slice(0, 16);
    this.current = { snapshot, freshness, version };
    this.artifacts.clear();
    this.volatileArtifacts.clear();
    this.pendingArtifacts.clear();
    for (const listener of this.listeners) listener(this.current);
  }

  onChange(listener: (current: Current) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The response for `key` under the current version, rendered once: concurrent misses share one
   * render, and a render that finishes after the version moved on is not kept.
   */
  async artifact(
    key: string,
    render: (current: Current) => Promise<Artifact | null> | Artifact | null,
    options: { volatile?: boolean } = {},
  ): Promise<Artifact | null> {
    const current = await this.get();
    const cached = this.cachedArtifact(key);
    if (cached) return cached;
    let pending = this.pendingArtifacts.get(key);
    if (!pending) {
      pending = Promise.resolve(render(current)).then((artifact) => {
        if (artifact && this.current?.version === current.version) this.keep(key, artifact, options.volatile ?? false);
        return artifact;
      });
      pending.finally(() => this.pendingArtifacts.delete(key)).catch(() => {});
      this.pendingArtifacts.set(key, pending);
    }
    return pending;
  }

  /** The artifact already rendered for `key`, without waiting: the hot path's fast lookup. */
  cachedArtifact(key: string): Artifact | undefined {
    return this.artifacts.get(key) ?? this.volatileArtifacts.get(key);
  }

  private keep(key: string, artifact: Artifact, volatile: boolean) {
    if (!volatile) {
      this.artifacts.set(key, artifact);
      return;
    }
    // Bounded, oldest out first: made-up keys must not grow memory or push out the pages.
    if (this.volatileArtifacts.size >= VOLATILE_ARTIFACTS_MAX) this.volatileArtifacts.delete(this.volatileArtifacts.keys().next().value!);
    this.volatileArtifacts.set(key, artifact);
  }

  private saveToDisk(snapshot: Snapshot) {
    const file = this.options.snapshotFile;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ format: 1, snapshot }));
      fs.renameSync(temporary, file);
    } catch (error) {
      this.options.log?.('could not save the snapshot to disk', { file, error: String(error) });
    }
  }

  /** Serves the last snapshot saved to disk, marked as not live. */
  loadFromDisk(): boolean {
    try {
      const saved = JSON.parse(fs.readFileSync(this.options.snapshotFile, 'utf8')) as { format: number; snapshot: Snapshot };
      if (saved.format !== 1) return false;
      this.dataHash = contentHash(saved.snapshot);
      const failingSince = (this.options.now?.() ?? new Date()).toISOString();
      this.publish(saved.snapshot, { live: false, lastSuccessAt: saved.snapshot.builtAt, failingSince });
      return true;
    } catch {
      return false;
    }
  }
}
