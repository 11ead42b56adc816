// Calls the extension's language-model tools as an agent would: through `vscode.lm.invokeTool` in the
// real extension host, by way of the test-only Tool Caller extension (test/e2e/fixtures/tool-caller),
// which reads requests from and writes answers to a folder of the session.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './wait';

export const TOOL_CALLS_ENV = 'NANO_BANANA_TOOL_CALLS';

export interface ToolInformation {
  name: string;
  description: string;
  inputSchema?: { properties?: Record<string, { enum?: string[] }>; required?: string[] };
  tags: string[];
}

/** A call under way: its answer (the result's text, or the error invokeTool threw) and its Stop button. */
export interface ToolCall {
  result(timeout?: number): Promise<{ text?: string; error?: string; answeredAt?: number }>;
  cancel(): void;
}

export class ToolCaller {
  private next = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async listTools(): Promise<ToolInformation[]> {
    const response = await this.request({ kind: 'list' }).result();
    return (response as { tools: ToolInformation[] }).tools;
  }

  invoke(name: string, input: object): ToolCall {
    return this.request({ kind: 'invoke', name, input }) as ToolCall;
  }

  private request(body: object): { result(timeout?: number): Promise<Record<string, unknown>>; cancel(): void } {
    const id = `call${++this.next}`;
    const file = join(this.dir, `${id}.request.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(body));
    renameSync(`${file}.tmp`, file);
    const responseFile = join(this.dir, `${id}.response.json`);
    return {
      result: async (timeout = 90_000) => {
        await waitUntil(() => existsSync(responseFile), () => `no answer to tool call ${JSON.stringify(body)} (is the Tool Caller extension running?)`, timeout);
        return JSON.parse(readFileSync(responseFile, 'utf8')) as Record<string, unknown>;
      },
      cancel: () => writeFileSync(join(this.dir, `${id}.cancel`), ''),
    };
  }
}
