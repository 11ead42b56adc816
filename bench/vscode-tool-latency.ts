// Tool call to saved file: nanoBanana_generateImage called through `vscode.lm.invokeTool` in the real
// extension host (code-server, the e2e harness and its Tool Caller), measured from the stand-in marking
// the task finished to the tool's answer reaching the caller (the file is saved before it answers).
// Side by side, each call is paired with the floor: a blocking request of the same generation time
// against the same stand-in, downloaded and saved the same way (bench/deliver.ts). The calls run one
// after another, since each waits for its confirmation to be answered. Prints one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent } from '../src/api/http';
import { startSession, type Session } from '../test/e2e/harness/session';
import { submitBlocking } from './alternatives';
import { downloadAndSave, downloadVia } from './deliver';
import { seededShuffle } from './util';

const CALLS = Number(process.env.BENCH_TOOL_CALLS ?? 12);

async function toolCall(session: Session, index: number): Promise<number> {
  const { api, tools, vscode } = session;
  const call = tools.invoke('nanoBanana_generateImage', { prompt: `bench tool call ${index}`, path: `bench/tool-${index}.png` });
  const dialog = await vscode.waitForDialog(60_000);
  await dialog.clickButton('Yes');
  const { text, error, answeredAt } = await call.result();
  const taskId = /task ([\w-]+),/.exec(text ?? '')?.[1];
  const finishedAt = taskId && api.stats.taskFinishedAt[taskId];
  if (!finishedAt || !answeredAt) throw new Error(`tool call ${index} gave no task or time: ${error ?? text}`);
  return (answeredAt - finishedAt) / 1000;
}

async function floorCall(session: Session, scratch: string, index: number): Promise<number> {
  const { api } = session;
  const agent = createAgent();
  try {
    const task = await submitBlocking(agent, api.url, api.token, { action: 'generate', prompt: `bench floor ${index}`, model: 'nano-banana' });
    const { savedAt } = await downloadAndSave(task.imageUrls, downloadVia(agent, api.url), scratch, join(scratch, 'floor'), `floor-${index}`);
    return (savedAt - api.stats.taskFinishedAt[task.taskId]) / 1000;
  } finally {
    await agent.close();
  }
}

async function main(): Promise<void> {
  const session = await startSession({ fixture: null, toolCaller: true });
  const scratch = await mkdtemp(join(tmpdir(), 'nb-bench-tool-'));
  try {
    const delays = seededShuffle(Array.from({ length: CALLS }, (_, i) => 2_000 + Math.round((i * 4_000) / Math.max(1, CALLS - 1))), 11);
    const tool: number[] = [];
    const floor: number[] = [];
    for (const [index, delay] of delays.entries()) {
      session.api.knobs.taskDelaysMs = [delay];
      tool.push(await toolCall(session, index));
      session.api.knobs.taskDelaysMs = [delay];
      floor.push(await floorCall(session, scratch, index));
    }
    process.stdout.write(`${JSON.stringify({ tool, floor, generationMs: { min: Math.min(...delays), max: Math.max(...delays) } })}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await session.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
