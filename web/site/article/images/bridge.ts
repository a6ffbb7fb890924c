// The page's side of the section's training worker (the shared bridge,
// ../fashion-mnist/bridge.ts). The worker runs requests in order.
import { WorkerBridge } from '../fashion-mnist/bridge.js';
import type { Progress, Request, Result } from './protocol.js';

export { WorkerError } from '../fashion-mnist/bridge.js';

export class ImagesWorker extends WorkerBridge<Request, Result, Progress> {
  constructor(onCrash: (message: string) => void) {
    super(
      () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'Fashion-MNIST trainer' }),
      onCrash,
    );
  }
}
