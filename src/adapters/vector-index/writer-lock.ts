/**
 * The writer lock of an index folder: `<dir>/writer.lock`, created exclusively through the storage
 * port, names who writes the index (pid, host, a random token) and when it last confirmed it. Two
 * writers at once (the CLI while Obsidian has the vault open) would delete each other's temporary
 * files and interleave log records; with the lock the second one touches nothing and says why.
 *
 * A lock is taken over when its owner is gone: on the same host, when its process is dead; where
 * that can't be checked (another host, Obsidian's adapter), when it was not confirmed for
 * LOCK_STALE_MS. The holder re-confirms it while it writes, and a holder that finds its lock taken
 * over stops writing (IndexBusyError) instead of mixing its changes into the other writer's.
 */
import { IndexBusyError } from "../../core/index/index-errors";
import { joinPath, type IndexStorage } from "./storage";

export const LOCK_FILE = "writer.lock";
/** A lock whose owner can't be checked is taken over after this long without a confirmation. */
export const LOCK_STALE_MS = 10 * 60_000;
/** The holder re-confirms its lock at most this often, when it writes. */
export const LOCK_REFRESH_MS = 60_000;
const LOCK_KIND = "ai-stack-planner-index-lock";

interface LockBody {
  kind: typeof LOCK_KIND;
  token: string;
  pid: number | null;
  host: string | null;
  since: string;
  confirmed: string;
}

type Holder = LockBody | "unreadable" | "gone";

function encode(body: LockBody): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(body)}\n`);
}

async function readHolder(storage: IndexStorage, path: string): Promise<Holder> {
  let bytes: Uint8Array | null;
  try {
    bytes = await storage.read(path);
  } catch {
    return "unreadable";
  }
  if (bytes === null) return "gone";
  try {
    const body = JSON.parse(new TextDecoder().decode(bytes)) as Partial<LockBody> | null;
    if (body?.kind === LOCK_KIND && typeof body.token === "string" && typeof body.confirmed === "string") return body as LockBody;
  } catch {
    // Fall through: unreadable.
  }
  return "unreadable";
}

/** "process 123 since 09:41 UTC" (the host too when it is another one). */
function describe(holder: LockBody, ownHost: string | undefined): string {
  const since = Number.isNaN(Date.parse(holder.since)) ? "" : ` since ${new Date(holder.since).toISOString().slice(11, 16)} UTC`;
  const who = holder.pid !== null ? `process ${holder.pid}${holder.host && holder.host !== ownHost ? ` on ${holder.host}` : ""}` : "Obsidian";
  return `${who}${since}`;
}

/**
 * The lock, or why this process may not write: another writer (`IndexBusyError`), or the folder
 * refusing the lock file (read-only, full: the file system's error, which the indexer words).
 */
export type LockResult = { lock: WriterLock | null } | { busy: Error };

export class WriterLock {
  private confirmedAt: number;
  private lost: IndexBusyError | null = null;

  private constructor(
    private readonly storage: IndexStorage,
    private readonly path: string,
    private readonly body: LockBody,
    private readonly now: () => Date,
  ) {
    this.confirmedAt = now().getTime();
  }

  /**
   * Takes the lock of `dir`, taking over a stale one. `{ lock: null }` when the storage can't lock
   * (no `createExclusive`); `{ busy }` when another live writer holds it.
   */
  static async acquire(storage: IndexStorage, dir: string, now: () => Date = () => new Date()): Promise<LockResult> {
    if (!storage.createExclusive) return { lock: null };
    const path = joinPath(dir, LOCK_FILE);
    const owner = storage.lockOwner;
    const at = now().toISOString();
    const body: LockBody = { kind: LOCK_KIND, token: crypto.randomUUID(), pid: owner?.pid ?? null, host: owner?.host ?? null, since: at, confirmed: at };
    let holder: Holder = "gone";
    for (let attempt = 0; attempt < 3; attempt++) {
      let created: boolean;
      try {
        created = await storage.createExclusive(path, encode(body));
      } catch (error) {
        // A folder that can't be written can still be read (status, search); writes say why.
        if (error instanceof Error && "code" in error) return { busy: error };
        throw error;
      }
      if (created) return { lock: new WriterLock(storage, path, body, now) };
      // The lock appears with its content in one step (see createExclusive), so one that can't be
      // read is garbage, not one being written: it is taken over.
      holder = await readHolder(storage, path);
      if (holder === "gone") continue;
      if (holder !== "unreadable" && !WriterLock.isStale(holder, storage, now())) return { busy: new IndexBusyError(describe(holder, owner?.host)) };
      await storage.remove(path);
    }
    return { busy: new IndexBusyError(holder === "gone" || holder === "unreadable" ? "another writer took it meanwhile" : describe(holder, owner?.host)) };
  }

  private static isStale(holder: LockBody, storage: IndexStorage, now: Date): boolean {
    const owner = storage.lockOwner;
    if (owner && holder.pid !== null && holder.host === owner.host) return holder.pid !== owner.pid && !owner.isAlive(holder.pid);
    const confirmed = Date.parse(holder.confirmed);
    return Number.isNaN(confirmed) || now.getTime() - confirmed > LOCK_STALE_MS;
  }

  /**
   * Call before writing: re-confirms the lock when LOCK_REFRESH_MS passed; throws IndexBusyError
   * when another writer took it over meanwhile (this one must not write any more).
   */
  async confirm(): Promise<void> {
    if (this.lost) throw this.lost;
    const now = this.now();
    if (now.getTime() - this.confirmedAt < LOCK_REFRESH_MS) return;
    const holder = await readHolder(this.storage, this.path);
    if (holder === "gone" || holder === "unreadable" || holder.token !== this.body.token) {
      this.lost = new IndexBusyError(typeof holder === "object" ? describe(holder, this.body.host ?? undefined) : "it took over this one's lock");
      throw this.lost;
    }
    this.body.confirmed = now.toISOString();
    await this.storage.write(this.path, encode(this.body));
    this.confirmedAt = now.getTime();
  }

  /** Removes the lock if it is still this one's. */
  async release(): Promise<void> {
    const holder = await readHolder(this.storage, this.path);
    if (typeof holder === "object" && holder.token === this.body.token) await this.storage.remove(this.path);
  }
}
