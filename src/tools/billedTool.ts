// A tool call that can bill runs exactly what its confirmation showed. prepareInvocation plans the call
// and keeps the plan under the call's input; invoke takes it back, plans again, and runs the kept plan
// only when nothing changed in between (more missing images, another style, another destination).
// A call whose plan was not kept (it could not be checked when the confirmation was due, so none was
// shown) is refused, as is one whose workspace changed: the agent is asked to call again.
import * as vscode from 'vscode';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { refusedText } from './resultText';
import { answer } from './toolSupport';

/** Plans kept while their confirmation is shown; a call the user declined is never invoked, so the oldest go. */
const KEPT_PLANS = 20;

export abstract class BilledTool<Input, Plan> implements vscode.LanguageModelTool<Input> {
  private readonly kept = new Map<string, { plan: Plan; fingerprint: string }>();

  constructor(
    protected readonly deps: FrontDoorDeps,
    private readonly id: string,
  ) {}

  /** The call's plan; throws ToolInputError (or InputImageError) with the reason it is refused. */
  protected abstract plan(input: Input): Promise<Plan>;
  /** What the chat shows while the call runs, and the confirmation of what it bills (none when it bills nothing). */
  protected abstract prepared(plan: Plan): vscode.PreparedToolInvocation;
  /** Everything of the plan the user confirms: equal fingerprints bill the same. */
  protected abstract fingerprint(plan: Plan): string;
  protected abstract run(plan: Plan, cancellation: vscode.CancellationToken): Promise<string>;

  async prepareInvocation({ input }: vscode.LanguageModelToolInvocationPrepareOptions<Input>): Promise<vscode.PreparedToolInvocation> {
    let plan: Plan;
    try {
      plan = await this.plan(input);
    } catch {
      // Nothing kept, so invoke refuses with the reason: nothing runs without a confirmation.
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    const key = keyOf(input);
    this.kept.delete(key);
    this.kept.set(key, { plan, fingerprint: this.fingerprint(plan) });
    for (const oldest of this.kept.keys()) if (this.kept.size > KEPT_PLANS) this.kept.delete(oldest);
    return this.prepared(plan);
  }

  invoke({ input }: vscode.LanguageModelToolInvocationOptions<Input>, cancellation: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return answer(this.deps, this.id, async () => {
      const key = keyOf(input);
      const kept = this.kept.get(key);
      this.kept.delete(key);
      // Planned again first: bad input is refused with its own reason.
      const now = await this.plan(input);
      if (!kept) {
        return refusedText('This call was not confirmed by the user: its request could not be checked when the confirmation was due. Call the tool again with the same input.');
      }
      if (this.fingerprint(now) !== kept.fingerprint) {
        this.deps.log.warn(`the ${this.id} call changed between its confirmation and its run; refused`);
        return refusedText('The workspace changed between the user\'s confirmation and the run (other missing images, another project style, another destination or options), so what was confirmed is no longer what would be billed. Call the tool again so the user can confirm the new request.');
      }
      return this.run(kept.plan, cancellation);
    });
  }
}

function keyOf(input: unknown): string {
  return JSON.stringify(input) ?? '';
}
