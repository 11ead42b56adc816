// Runs image work (src/core/imaging) on a worker thread started for the one request and ended after it:
// the codecs load only when an image is first cut or shrunk, never at activation, the extension host
// stays responsive while a large photo is decoded, and the worker's memory is returned at once.
import { Worker } from 'node:worker_threads';
import { ImageWorkError, type ImageWorkReply, type ImageWorkRequest, type ImageWorkResults } from '../core/imageWork';

export class ImageWorkers {
  /** `workerFile`: dist/imageWorker.js of the installed extension. */
  constructor(private readonly workerFile: string) {}

  run<Op extends ImageWorkRequest['op']>(request: Extract<ImageWorkRequest, { op: Op }>, signal?: AbortSignal): Promise<ImageWorkResults[Op]> {
    signal?.throwIfAborted();
    const worker = new Worker(this.workerFile);
    let abort = () => {};
    return new Promise<ImageWorkResults[Op]>((resolve, reject) => {
      abort = () => reject(signal?.reason);
      signal?.addEventListener('abort', abort, { once: true });
      worker.once('message', (reply: ImageWorkReply) => {
        if (reply.ok) resolve(reply.result as ImageWorkResults[Op]);
        else reject(new ImageWorkError(reply.message, reply.undecodable));
      });
      worker.once('error', (error) => reject(new ImageWorkError(error.message)));
      worker.once('exit', (code) => reject(new ImageWorkError(`the image worker stopped before answering (exit code ${code})`)));
      worker.postMessage(request);
    }).finally(() => {
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
    });
  }
}
