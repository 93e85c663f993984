/**
 * The worker-thread entry of the judge pool (`judge-pool.ts`, piscina): runs {@link runJudgeTask} with the scoring
 * library's judge. Loaded as compiled JavaScript in a build, or through `judge-worker.mjs` (which registers tsx)
 * when the service runs from its TypeScript sources.
 */
import { libraryJudge } from '../lifecycle/judge';
import { runJudgeTask, type JudgeTask, type JudgeTaskResult } from './judge-task';

const judge = libraryJudge();

/**
 * Runs one task in this worker thread.
 * @param task a `POST /judge` body or an interval's judge call
 * @returns the task's answer (plain data, structured-cloned back to the main thread)
 */
export default function run(task: JudgeTask): JudgeTaskResult {
  return runJudgeTask(task, judge);
}
