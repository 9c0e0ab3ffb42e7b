// `npm run flows:check`: validates every flow file, the same way start-up does.
import { FlowError } from '../engine/flow-compiler.ts';
import { DEFAULT_FLOWS_DIR, loadFlows } from '../catalog/load-flows.ts';

const dir = process.argv[2] ?? DEFAULT_FLOWS_DIR;
try {
  const flows = await loadFlows(dir);
  for (const f of flows) {
    const questions = f.stages.reduce((n, s) => n + s.questions.length, 0);
    process.stdout.write(`ok  ${f.id} v${f.version}: ${f.stages.length} stages, ${questions} questions (shared included)\n`);
  }
  process.stdout.write(`${flows.length} flows valid\n`);
} catch (err) {
  if (err instanceof FlowError) {
    process.stderr.write(`${err.problems.join('\n')}\n${err.problems.length} problem(s) in flows\n`);
    process.exit(1);
  }
  throw err;
}
