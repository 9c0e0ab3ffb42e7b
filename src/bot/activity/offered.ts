// The models a new case may use: those offered when its intake began (so the intake's buttons keep
// their meaning while it runs), else what the user's organisation offers now.
import type { Flow } from '../../engine/types.ts';
import type { BotContext, IntakeActivity } from '../context.ts';

export function intakeFlows(ctx: BotContext, act?: IntakeActivity): Flow[] {
  const { catalog } = ctx.deps;
  if (act?.offered) {
    const flows = act.offered.map((id) => catalog.get(id)).filter((f): f is Flow => f !== undefined);
    if (flows.length === act.offered.length) return flows;
  }
  return catalog.offered(ctx.uow.membership?.orgId);
}
