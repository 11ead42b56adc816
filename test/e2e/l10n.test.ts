// The Simplified Chinese interface and the getting-started walkthrough, in a VS Code whose display
// language is zh-cn: manifest strings (package.nls.zh-cn.json), host messages (vscode.l10n.t),
// messages of the client (the shared bundle) and the results panel's webview all come out translated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useSession } from './harness/node-test';
import { REPO_ROOT } from './harness/paths';
import { waitUntil } from './harness/wait';

const session = useSession({ locale: 'zh-cn', tokenInEnv: false });

const zh = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
const GENERATE = `Nano Banana: ${zh['command.generateImage.title']}`;

test('the palette lists every command under its Chinese title', async () => {
  const { vscode } = session();
  const listed = await vscode.listCommands('Nano Banana:');
  for (const key of ['generateImage', 'editImage', 'setApiToken', 'clearApiToken', 'showPreview', 'resumeTasks']) {
    assert.ok(listed.includes(`Nano Banana: ${zh[`command.${key}.title`]}`), `${key} is listed in Chinese: ${listed.join(', ')}`);
  }
});

test('Generate Image asks for the token, the prompt and the options in Chinese, and the panel shows the result in Chinese', async () => {
  const { vscode, api, listFiles } = session();
  await vscode.runCommand(GENERATE);
  const tokenBox = await vscode.waitForQuickInput();
  assert.equal(tokenBox.title, 'Nano Banana：API 令牌');
  assert.match(tokenBox.message, /尚未设置 Nano Banana API 令牌。\s*粘贴你的 Ace Data Cloud API 令牌/);
  await vscode.typeInInput(api.token);

  const promptBox = await vscode.waitForQuickInput();
  assert.equal(promptBox.title, 'Nano Banana：生成图片');
  assert.match(promptBox.message, /描述这张图片/);
  await vscode.typeInInput('一只戴着墨镜的香蕉');

  const options = await vscode.waitForQuickInput();
  assert.equal(options.items[0]?.label, '生成');
  assert.match(options.items[0]?.description ?? '', /nano-banana · 1:1 · 1K · 1 张图片/);
  assert.deepEqual(options.items.slice(1).map((item) => item.label), ['模型', '宽高比', '分辨率', '数量', '精确尺寸']);
  await vscode.acceptQuickPick();

  // The panel opens while the job runs and re-renders as it goes: look for it once the file is saved.
  await waitUntil(() => listFiles('assets/generated').length === 1, () => 'the image was never saved', 60_000);
  const frame = await vscode.webviewFrame('.job-latest.stage-saved');
  await frame.locator('.job-latest .job-stage', { hasText: '已保存' }).waitFor();
  const buttons = await frame.locator('.job-latest button').allInnerTexts();
  for (const label of ['打开', '在资源管理器中显示', '复制 Markdown 链接', '插入到 Markdown', '再次编辑', '再次生成']) {
    assert.ok(buttons.includes(label), `button ${label} in ${buttons.join(', ')}`);
  }
  assert.equal(await frame.locator('.job-latest .job-prompt').innerText(), '一只戴着墨镜的香蕉');
  await vscode.page.locator('.tab', { hasText: 'Nano Banana 结果' }).first().waitFor();
  assert.equal(listFiles('assets/generated').length, 1);
  await vscode.screenshot('l10n-zh-cn-results');
});

test('a refusal by the service is explained in Chinese, with its action translated', async () => {
  const { vscode, api, listFiles } = session();
  api.knobs.failNext = [{ count: 1, status: 403, path: 'images', body: { success: false, error: { code: 'used_up', message: 'Your balance is not sufficient' } } }];
  await vscode.runCommand(GENERATE);
  await vscode.typeInInput('第二张图');
  await vscode.waitForQuickInput();
  await vscode.acceptQuickPick();
  const toast = await vscode.waitForNotification('余额不足');
  assert.match(await toast.message(), /你的 Ace Data Cloud 余额不足以完成此请求/);
  assert.ok((await toast.buttons()).includes('打开控制台'));
  await toast.dismiss();
  assert.equal(listFiles('assets/generated').length, 1, 'no file from the refused request');
});

test('a running job reports its progress in Chinese, and a cancelled one leaves a Chinese note and pending entry', async () => {
  const { vscode, api, listFiles } = session();
  api.knobs.generationDelayMs = 60_000;
  try {
    await vscode.runCommand(GENERATE);
    await vscode.typeInInput('取消的图');
    await vscode.waitForQuickInput();
    await vscode.acceptQuickPick();
    const progress = await vscode.waitForNotification('Nano Banana：正在生成图片');
    // The message ticks every second; it says what is awaited, how long, and the task's short id.
    const waiting = /正在等待图片… \d+ 秒（任务 [\w-]{8}）/;
    let shown = '';
    const deadline = Date.now() + 30_000;
    while (!waiting.test(shown) && Date.now() < deadline) {
      shown = await progress.message();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(shown, waiting);
    await vscode.screenshot('l10n-zh-cn-progress');
    // The Cancel button is VS Code's own, translated (or not) by VS Code.
    const [cancel] = await progress.buttons();
    await progress.clickButton(cancel);

    const note = await vscode.waitForNotification('Nano Banana：已取消。');
    const taskId = /服务可能仍会完成任务 (\S+)；稍后可通过“检查未完成的任务”获取其图片。/.exec(await note.message())?.[1];
    assert.ok(taskId, `the note names the task: ${await note.message()}`);
    assert.deepEqual(await note.buttons(), ['复制任务 ID']);
    await note.dismiss();

    await vscode.runCommand(`Nano Banana: ${zh['command.resumeTasks.title']}`);
    const pending = await vscode.waitForQuickInput();
    assert.equal(pending.title, 'Nano Banana：检查未完成的任务');
    const entry = pending.items.find((item) => item.label === '取消的图');
    assert.equal(entry?.description, `已取消，可能已完成 · 任务 ${taskId}`);
    assert.ok(pending.items.some((item) => item.label === '按任务 ID 查找…'), pending.items.map((item) => item.label).join(', '));
    await vscode.page.keyboard.press('Escape');
    assert.equal(listFiles('assets/generated').length, 1, 'no file from the cancelled job');
  } finally {
    delete api.knobs.generationDelayMs;
  }
});

test('the getting-started walkthrough shows its Chinese steps, and a step button runs its command', async () => {
  const { vscode } = session();
  await vscode.runCommand('Welcome: Open Walkthrough...');
  await vscode.pickQuickPickItem(zh['walkthrough.title']);
  const page = vscode.page;
  for (const key of ['setToken', 'generate', 'edit', 'insertLink']) {
    await page.getByText(zh[`walkthrough.${key}.title`], { exact: true }).first().waitFor();
  }
  await page.getByText(zh['walkthrough.setToken.title'], { exact: true }).first().click();
  await vscode.screenshot('l10n-zh-cn-walkthrough');
  // The step's own action button, not its title (which is a button of the same name).
  await page.locator('.getting-started-step.expanded .monaco-button', { hasText: zh['command.setApiToken.title'] }).first().click();
  const tokenBox = await vscode.waitForQuickInput();
  assert.equal(tokenBox.title, 'Nano Banana：API 令牌');
  await page.keyboard.press('Escape');
});
