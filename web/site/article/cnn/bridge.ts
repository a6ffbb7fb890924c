// The page's side of the CNN figure's worker: each request resolves with its result (or
// rejects with an Error carrying the worker's error name and message); its progress notes go
// to the callback given with it. The worker starts with the first request, so a reader who
// never reaches the figure never loads it.
import type { Progress, Reply, Request, Result } from './protocol.js';

type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
interface Pending {
  resolve: (r: Result) => void;
  reject: (e: Error) => void;
  onProgress: ((note: Progress) => void) | undefined;
}

export class CnnWorker {
  readonly #onCrash: (message: string) => void;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | null = null;
  #nextId = 1;

  constructor(onCrash: (message: string) => void) {
    this.#onCrash = onCrash;
  }

  #start(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'CNN trainer' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      if (reply.type === 'progress') return pending.onProgress?.(reply.note);
      this.#pending.delete(reply.id);
      if (reply.type === 'error') {
        const error = new Error(reply.message);
        error.name = reply.name;
        pending.reject(error);
      } else pending.resolve(reply.result);
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

  request(body: Body, onProgress?: (note: Progress) => void): Promise<Result> {
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker ??= this.#start();
      this.#worker.postMessage({ ...body, id } as Request);
    });
  }
}
