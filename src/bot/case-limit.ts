// The ceiling of active cases per worker (src/cases/limits.ts), checked where a case becomes active:
// /kasus_baru (and its menu button), the intake's 💾 Simpan, and 🔓 Buka kembali. Each of these
// updates reads every case of the worker (the save press too: src/telegram/callback-data.ts).
import { activeCaseCount, MAX_ACTIVE_CASES } from '../cases/limits.ts';
import type { BotContext } from './context.ts';
import { ack } from './actions.ts';

/** True (and the worker told why) when one more active case would pass the ceiling. */
export async function refusedOverCaseLimit(ctx: BotContext): Promise<boolean> {
  const active = activeCaseCount(ctx.uow.allCases());
  if (active < MAX_ACTIVE_CASES) return false;
  ctx.log.info({ active }, 'refused: the worker is at the ceiling of active cases');
  ack(ctx);
  await ctx.reply(ctx.t('case-limit-reached', { max: MAX_ACTIVE_CASES }));
  return true;
}
