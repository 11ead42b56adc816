// Tool call to saved file (issue 11): the language-model tool in the real extension host against the
// floor, measured side by side by bench/vscode-tool-latency.ts. Opt-in with `--vscode`, like the
// real-host activation, because it needs the e2e setup.
import { failureOf, runInRealVsCode } from './activation';
import { s, table, TARGETS, verdictText, type Verdict } from './report';
import { summarize } from './stats';

export type ToolLatencyResult = { tool: number[]; floor: number[]; generationMs: { min: number; max: number } } | { error: string };

export async function measureToolLatency(): Promise<ToolLatencyResult> {
  try {
    return JSON.parse(await runInRealVsCode('vscode-tool-latency.ts')) as ToolLatencyResult;
  } catch (error) {
    return { error: failureOf(error) };
  }
}

export function toolLatencySection(result: ToolLatencyResult | undefined): { text: string; verdicts: Verdict[] } {
  const heading = '## 1b. Tool call to saved file (real VS Code)';
  if (!result) return { text: `${heading}\n\nNot measured: run \`npm run bench -- --vscode\`.`, verdicts: [] };
  if ('error' in result) return { text: `${heading}\n\nFailed: ${result.error}`, verdicts: [] };
  const tool = summarize(result.tool);
  const floor = summarize(result.floor);
  const excess = tool.median - floor.median;
  const met = excess <= TARGETS.latencyMedianExcessS;
  const verdict: Verdict = {
    target: `1b. tool call to saved file, median ≤ ${TARGETS.latencyMedianExcessS} s above the floor`,
    met,
    detail: `${s(excess)}: ${verdictText(met, s(excess - TARGETS.latencyMedianExcessS))}`,
  };
  const text = [
    heading,
    '',
    `${result.tool.length} calls of \`nanoBanana_generateImage\` through \`vscode.lm.invokeTool\` in code-server's extension host (the `
      + 'packaged .vsix, the test-only Tool Caller extension as the agent, its confirmation answered), generation times '
      + `${result.generationMs.min / 1000}–${result.generationMs.max / 1000} s, one after another. Measured from the stand-in marking the task `
      + "finished to the tool's answer reaching the caller (the file is saved, stamped and in the panel's history before it answers). "
      + 'Each call is paired with the floor: a blocking request of the same generation time, downloaded and saved the same way.',
    '',
    table(['', 'median', 'p95', 'max', 'median above floor'], [
      ['tool call (one shared poller, 1 s; workspace.fs)', s(tool.median), s(tool.p95), s(tool.max), s(excess)],
      ['blocking request, no `async` (the floor)', s(floor.median), s(floor.p95), s(floor.max), '–'],
    ]),
    '',
    `- ${verdict.target}: ${verdict.detail}`,
  ].join('\n');
  return { text, verdicts: [verdict] };
}
