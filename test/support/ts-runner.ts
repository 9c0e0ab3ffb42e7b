// How a test starts one of our TypeScript entry points in a child process: as production does on a
// runtime that strips types itself (Node 24: `node src/main.ts`, no tsx), else through tsx (Node 20).
const strips = Boolean((process.features as { typescript?: string }).typescript);

/** The node arguments before the script's path. */
export const TS_RUNNER: string[] = strips ? [] : ['--import', 'tsx'];
