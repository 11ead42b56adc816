// `npm run test:setup`: installs what the browser-driven tests need (Debian's Chromium and the
// packages code-server builds against, then code-server itself), and the proxy tests' tinyproxy,
// before any suite runs, so the unit suite's webview tests find Chromium and the integration
// suite's proxy tests find tinyproxy on a fresh machine instead of skipping.
import { ensureCodeServer } from '../test/e2e/harness/install';

ensureCodeServer().then(
  (entry) => process.stderr.write(`[setup] real VS Code ready: ${entry}\n`),
  (error: unknown) => {
    process.stderr.write(`[setup] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
