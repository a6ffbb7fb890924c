// The page's side of the CNN figure's worker (the shared bridge, ../fashion-mnist/bridge.ts).
import { WorkerBridge } from '../fashion-mnist/bridge.js';
import type { Progress, Request, Result } from './protocol.js';

export class CnnWorker extends WorkerBridge<Request, Result, Progress> {
  constructor(onCrash: (message: string) => void) {
    super(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'CNN trainer' }), onCrash);
  }
}
