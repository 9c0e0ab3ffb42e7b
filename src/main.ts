// `npm start`: the bot process (src/app/bot-process.ts) with the configuration of the environment.
import { runBot } from './app/bot-process.ts';
import { configOrExit } from './app/runtime.ts';

configOrExit(process.env).then((config) => runBot(config)).catch((err: unknown) => {
  process.stderr.write(`pendamping: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
