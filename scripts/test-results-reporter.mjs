// A node:test reporter that writes one JSON line per finished test (not per describe block): its file,
// name and outcome. scripts/run-tests.mjs runs it beside the spec reporter; scripts/fault-report.ts
// reads the lines to write the fault and security report from the suite's own results.
import { relative } from 'node:path';

export default async function* testResults(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    const status = data.skip !== undefined && data.skip !== false ? 'skipped' : data.todo ? 'todo' : event.type === 'test:pass' ? 'pass' : 'fail';
    const file = data.file ? relative(process.cwd(), data.file).split('\\').join('/') : undefined;
    yield `${JSON.stringify({ file, name: data.name, status })}\n`;
  }
}
