// The page's side of the training worker (Squoosh's pattern): requests are queued in order,
// each resolves with its reply, and restart() terminates the worker to reset cleanly even
// in the middle of a long request. Replies from a terminated worker can never arrive.
import type { Reply, Request } from './protocol.js';

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };
type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class WorkerBridge {
  #worker: Worker;
  #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(private readonly onCrash: (message: string) => void) {
    this.#worker = this.#start();
  }

  #start(): Worker {
    const worker = new Worker(new URL('./train-worker.ts', import.meta.url), {
      type: 'module',
      name: 'relu-wasm trainer',
    });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const pending = this.#pending.get(event.data.id);
      if (!pending) return;
      this.#pending.delete(event.data.id);
      if (event.data.type === 'error') pending.reject(new Error(event.data.message));
      else pending.resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll(`The training worker stopped: ${event.message || 'unknown error'}`);
      this.onCrash(event.message || 'unknown error');
    };
    return worker;
  }

  #failAll(message: string): void {
    for (const p of this.#pending.values()) p.reject(new Error(message));
    this.#pending.clear();
  }

  request(body: Body, transfer: Transferable[] = []): Promise<Reply> {
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...body, id } as Request, transfer);
    });
  }

  /** Kills the worker (and whatever it was computing) and starts a fresh one. */
  restart(): void {
    this.#worker.terminate();
    this.#failAll('reset');
    this.#worker = this.#start();
  }
}
