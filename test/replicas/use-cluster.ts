/**
 * A replica cluster shared by the tests of one `describe` block (started before them, destroyed after them) and a
 * pick of its first two replicas. Kept apart from cluster.ts, which the benchmarks import outside Vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import type { JudgeService } from '../support/judge-service';
import { startReplicaCluster, type ClusterOptions, type ReplicaCluster } from './cluster';

/**
 * Registers `beforeAll` (start, up to 120 s) and `afterAll` (destroy) hooks for one cluster in the calling
 * `describe` block.
 *
 * @param options the cluster's options (see {@link startReplicaCluster})
 * @returns a getter for the running cluster, to call inside the tests; it throws if the cluster did not start
 */
export function useReplicaCluster(options: ClusterOptions): () => ReplicaCluster {
  let cluster: ReplicaCluster | undefined;
  beforeAll(async () => {
    cluster = await startReplicaCluster(options);
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });
  return () => {
    if (!cluster) throw new Error('the replica cluster did not start');
    return cluster;
  };
}

/**
 * The cluster's first two replicas.
 *
 * @param cluster a running cluster
 * @returns its first and second replica
 * @throws when the cluster has fewer than two
 */
export function twoReplicas(cluster: ReplicaCluster): [JudgeService, JudgeService] {
  const [a, b] = cluster.replicas;
  if (!a || !b) throw new Error('two replicas expected');
  return [a, b];
}
