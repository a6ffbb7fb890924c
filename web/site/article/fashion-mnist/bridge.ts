// The page's side of a figure's training worker (the images section's and the CNN figure's):
// each request resolves with its result (or rejects with a WorkerError carrying the worker's
// error name and message); its progress notes go to the callback given with it. The worker
// starts with the first request, so a reader who never reaches the figure never loads it.
import type { WorkerReply } from './protocol.js';

/** The request without its id, one variant at a time. */
type Body<Request> = Request extends { id: number } ? Omit<Request, 'id'> : never;
interface Pending<Result, Progress> {
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
  onProgress: ((note: Progress) => void) | undefined;
}

/** An error thrown in the worker, with its original name (RangeError, TypeError, ...). */
export class WorkerError extends Error {
  constructor(
    readonly workerName: string,
    message: string,
  ) {
    super(message);
    this.name = workerName;
  }
}

export class WorkerBridge<Request extends { id: number }, Result, Progress> {
  readonly #spawn: () => Worker;
  readonly #onCrash: (message: string) => void;
  readonly #pending = new Map<number, Pending<Result, Progress>>();
  #worker: Worker | null = null;
  #nextId = 1;

  /** `spawn` makes the worker (in the caller's module, where Vite sees its `new URL`). */
  constructor(spawn: () => Worker, onCrash: (message: string) => void) {
    this.#spawn = spawn;
    this.#onCrash = onCrash;
  }

  #start(): Worker {
    const worker = this.#spawn();
    worker.onmessage = (event: MessageEvent<WorkerReply<Result, Progress>>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      if (reply.type === 'progress') return pending.onProgress?.(reply.note);
      this.#pending.delete(reply.id);
      if (reply.type === 'error') pending.reject(new WorkerError(reply.name, reply.message));
      else pending.resolve(reply.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const message = event.message || 'unknown error';
      for (const p of this.#pending.values()) p.reject(new Error(`the training worker stopped: ${message}`));
      this.#pending.clear();
      this.#onCrash(message);
    };
    return worker;
  }

  request(body: Body<Request>, onProgress?: (note: Progress) => void): Promise<Result> {
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker ??= this.#start();
      this.#worker.postMessage({ ...body, id } as unknown as Request);
    });
  }
}
