// Run as its own process by client-tls.test.ts: Node reads NODE_EXTRA_CA_CERTS only when a process
// starts, as VS Code's extension host does. Opens the connection the way the extension does, submits
// one generation and prints the outcome as one line of JSON: { taskId } or { code, message }.
import { openConnection, type ProxyOptions } from '../../../src/api/connection';
import { ApiError } from '../../../src/api/errors';

interface Request {
  baseUrl: string;
  token: string;
  proxy?: ProxyOptions;
}

async function main(): Promise<void> {
  const { baseUrl, token, proxy } = JSON.parse(process.argv[2]!) as Request;
  const api = openConnection({ baseUrl, token, timeouts: { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 }, proxy: { environment: {}, ...proxy } });
  try {
    const { taskId } = await api.client.submit({ action: 'generate', prompt: 'a harbour seen through a trusted tunnel' });
    console.log(JSON.stringify({ taskId }));
  } catch (error) {
    console.log(JSON.stringify(error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'unexpected', message: String(error) }));
  } finally {
    await api.close();
  }
}

void main();
