import { randomUUID } from 'node:crypto';

/** How long the gateway keeps a run's events for resuming (docs/protocol.md#resuming-a-streamed-run: about 5.5 minutes). */
export const RUN_TTL_MS = 330_000;

/**
 * The events of one streamed answer on the binding path (`cf-aig-run-id`), kept so that a client
 * whose connection dropped can resume from any event. The upstream is read to its end whatever
 * happens to the client connection.
 */
export class Run {
  readonly id = randomUUID();
  readonly events: Uint8Array[] = [];
  done = false;
  /** Connections (the first answer, then resumes) still to be cut after `dropAfterEvents` events. */
  drops: number;
  readonly dropAfterEvents: number | undefined;
  /** Forget the run as soon as a connection is cut: the resume answers 404. */
  readonly expireOnDrop: boolean;
  #waiters = new Set<() => void>();

  constructor(
    readonly gateway: string,
    readonly createdAt: number,
    fault: { dropAfterEvents?: number; dropTimes?: number; expireRun?: boolean },
  ) {
    this.dropAfterEvents = fault.dropAfterEvents;
    this.drops = fault.dropAfterEvents === undefined ? 0 : (fault.dropTimes ?? 1);
    this.expireOnDrop = fault.expireRun === true;
  }

  push(event: Uint8Array): void {
    this.events.push(event);
    this.#wake();
  }

  finish(): void {
    this.done = true;
    this.#wake();
  }

  /** Resolves when event `index` exists or the run is done. */
  async waitFor(index: number, signal: AbortSignal): Promise<void> {
    while (index >= this.events.length && !this.done && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.#waiters.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** Takes one connection's drop, if any are left: the number of events after which to cut it. */
  takeDrop(): number | undefined {
    if (this.drops <= 0 || this.dropAfterEvents === undefined) return undefined;
    this.drops -= 1;
    return this.dropAfterEvents;
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}

/** The runs of an emulator, by gateway and run id. */
export class RunStore {
  #runs = new Map<string, Run>();

  constructor(private readonly now: () => number) {}

  create(gateway: string, fault: { dropAfterEvents?: number; dropTimes?: number; expireRun?: boolean }): Run {
    // Forget expired runs as new ones come, so a long-running emulator does not keep them all.
    const now = this.now();
    for (const [id, old] of this.#runs) if (old.done && now - old.createdAt > RUN_TTL_MS) this.#runs.delete(id);
    const run = new Run(gateway, this.now(), fault);
    this.#runs.set(run.id, run);
    return run;
  }

  /** The run, or undefined when it is unknown, of another gateway, or older than `RUN_TTL_MS`. */
  get(gateway: string, id: string): Run | undefined {
    const run = this.#runs.get(id);
    if (run === undefined || run.gateway !== gateway) return undefined;
    if (this.now() - run.createdAt > RUN_TTL_MS) {
      this.#runs.delete(id);
      return undefined;
    }
    return run;
  }

  delete(id: string): void {
    this.#runs.delete(id);
  }

  clear(): void {
    this.#runs.clear();
  }
}
