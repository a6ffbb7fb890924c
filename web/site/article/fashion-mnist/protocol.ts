// The replies every Fashion-MNIST training worker sends: for each request (which carries an
// id), progress notes with that id first, then exactly one result or error.
export type WorkerReply<Result, Progress> =
  | { id: number; type: 'progress'; note: Progress }
  | { id: number; type: 'result'; result: Result }
  | { id: number; type: 'error'; name: string; message: string };
