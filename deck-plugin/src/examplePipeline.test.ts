// @vitest-environment node
// The example pipeline in docs/ must stay a stage the plugin accepts and reads back, wired so that PASS promotes
// and anything else rolls back and fails the pipeline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formToStage, JUDGE_MONITOR_FIELDS, stageToForm } from './transforms/stageJson';
import { validateStage } from './transforms/validation';

interface Stage {
  refId: string;
  requisiteStageRefIds: string[];
  type: string;
  name: string;
  stageEnabled?: { expression: string };
  [key: string]: unknown;
}

const pipeline = JSON.parse(readFileSync(new URL('../docs/example-pipeline.json', import.meta.url), 'utf8')) as {
  stages: Stage[];
};
const judge = pipeline.stages.find((s) => s.type === 'canaryJudge') as Stage;

describe('docs/example-pipeline.json', () => {
  it('has a valid canaryJudge stage that the config panel reads back unchanged', () => {
    expect(validateStage(judge)).toEqual([]);
    const again = formToStage(stageToForm(judge), judge);
    for (const [k, v] of Object.entries(again)) expect(judge[k], k).toEqual(v);
  });

  it("polls the judgment with Orca's status words: the monitor fields every stage the plugin writes carries", () => {
    // The document is the reference: Orca's webhook polling (`MonitorWebhookTask`) as the judge service answers it.
    expect(judge).toMatchObject(JUDGE_MONITOR_FIELDS);
  });

  it('lets the pipeline continue after a failed judgment so rollback and notifications run', () => {
    expect(judge['failPipeline']).toBe(false);
    expect(judge['continuePipeline']).toBe(true);
    expect(judge['sendNotifications']).toBe(true);
    expect((judge['notifications'] as Array<{ when: string[] }>).every((n) => n.when.includes('stage.failed'))).toBe(
      true,
    );
  });

  it('promotes on PASS or an approved MARGINAL, rolls back otherwise, then fails unless promoted', () => {
    const manual = pipeline.stages.find((s) => s.type === 'manualJudgment') as Stage;
    expect(manual.requisiteStageRefIds).toEqual([judge.refId]);
    expect(manual.stageEnabled?.expression).toContain("verdict == 'MARGINAL'");
    expect(manual['judgmentInputs']).toEqual([{ value: 'Promote' }, { value: 'Roll back' }]);
    expect(String(manual['instructions'])).toContain('body?.reportUrl');
    const after = pipeline.stages.filter((s) => s.requisiteStageRefIds.includes(manual.refId));
    const promote = after.find((s) => s.name.startsWith('Promote'));
    const rollback = after.find((s) => s.name.startsWith('Roll back'));
    const approved =
      "#stage('Canary Judge').context.webhook?.monitor?.body?.verdict == 'PASS' || (#stage('Canary Judge').context.webhook?.monitor?.body?.verdict == 'MARGINAL' && #judgment('Decide on a marginal canary') == 'Promote')";
    expect(promote?.stageEnabled?.expression).toBe(`\${${approved}}`);
    expect(rollback?.stageEnabled?.expression).toBe(`\${!(${approved})}`);
    const gate = pipeline.stages.find((s) => s.type === 'checkPreconditions');
    expect(JSON.stringify(gate)).toContain(JSON.stringify(approved).slice(1, -1));
  });

  it('has a well-formed stage graph (unique refIds, dependencies exist, no cycles)', () => {
    const ids = pipeline.stages.map((s) => s.refId);
    expect(new Set(ids).size).toBe(ids.length);
    const byId = new Map(pipeline.stages.map((s) => [s.refId, s]));
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string): void => {
      if (done.has(id)) return;
      expect(visiting.has(id), `cycle at ${id}`).toBe(false);
      visiting.add(id);
      const s = byId.get(id);
      expect(s, `missing stage ${id}`).toBeDefined();
      for (const dep of s?.requisiteStageRefIds ?? []) visit(dep);
      visiting.delete(id);
      done.add(id);
    };
    ids.forEach(visit);
  });
});
