// `npm run mock-api -- [--port 8787] [--token T] [--delay MS] [--format png|jpeg] [--host H]`:
// runs the stand-in for manual demos and for benchmarks that drive it from another process.
import { parseArgs } from 'node:util';
import { DEMO_TOKEN, startMockApi, type MockKnobs } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      token: { type: 'string' },
      delay: { type: 'string' },
      format: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const knobs: MockKnobs = {};
  if (values.delay !== undefined) {
    const delay = Number(values.delay);
    if (!Number.isFinite(delay) || delay < 0) throw new Error(`--delay must be milliseconds, got ${values.delay}`);
    knobs.generationDelayMs = delay;
  }
  if (values.format !== undefined) {
    if (values.format !== 'png' && values.format !== 'jpeg') throw new Error(`--format must be png or jpeg, got ${values.format}`);
    knobs.format = values.format;
  }

  const mock = await startMockApi({ port, host: values.host, token: values.token, knobs });
  console.log(`Nano Banana API stand-in: ${mock.url}`);
  console.log(`Image host: ${mock.imageHostUrl}`);
  console.log(`Token: ${mock.token}${mock.token === DEMO_TOKEN ? ' (the demo token; pass --token to choose another)' : ''}`);
  console.log(`Control: GET ${mock.url}/__mock/stats, POST ${mock.url}/__mock/knobs, POST ${mock.url}/__mock/reset`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
