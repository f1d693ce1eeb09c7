import { describe, expect, it } from 'vitest';
import type { BatchResult } from './deliverMessage.js';
import { DeliveryBatcher } from './deliveryBatcher.js';
import type { OutboxJob } from './outboxQueue.js';

const job = (tenantId: string, n: number): OutboxJob => ({ tenantId, messageId: `${tenantId}-${n}` });
const sent: BatchResult = { status: 'fulfilled', value: { kind: 'sent' } };

/** A deliver function that records its batches, finishes each when told, and counts the most jobs running at once. */
function recorder() {
  const batches: { tenantId: string; jobs: OutboxJob[]; finish: (results?: BatchResult[]) => void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const deliver = (tenantId: string, jobs: OutboxJob[]) =>
    new Promise<BatchResult[]>((resolve) => {
      running += jobs.length;
      mostAtOnce = Math.max(mostAtOnce, running);
      batches.push({
        tenantId,
        jobs,
        finish: (results) => {
          running -= jobs.length;
          resolve(results ?? jobs.map(() => sent));
        },
      });
    });
  return { batches, deliver, mostAtOnce: () => mostAtOnce };
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DeliveryBatcher', () => {
  it('delivers jobs of one clinic that arrive within the window as one batch, and each gets its own result', async () => {
    const { batches, deliver } = recorder();
    const batcher = new DeliveryBatcher(deliver, { maxBatch: 10, capacity: 20, windowMs: 5 });
    const outcomes = [batcher.submit(job('a', 1)), batcher.submit(job('a', 2)), batcher.submit(job('a', 3))];
    await tick();
    expect(batches.map((batch) => batch.jobs.length)).toEqual([3]);
    const failure = new Error('refused');
    batches[0]?.finish([
      sent,
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: { kind: 'skipped', reason: 'no_consent' } },
    ]);
    const settled = await Promise.allSettled(outcomes);
    expect(settled).toEqual([
      { status: 'fulfilled', value: { kind: 'sent' } },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: { kind: 'skipped', reason: 'no_consent' } },
    ]);
  });

  it('never mixes clinics in a batch, caps batch size, and never runs more jobs at once than its capacity', async () => {
    const { batches, deliver, mostAtOnce } = recorder();
    const batcher = new DeliveryBatcher(deliver, { maxBatch: 2, capacity: 4, windowMs: 5 });
    const outcomes = [1, 2, 3, 4, 5].map((n) => batcher.submit(job('a', n))).concat([batcher.submit(job('b', 1))]);
    await tick();
    // Two batches of clinic a fill the capacity; the rest wait for one to finish.
    expect(batches.map((batch) => batch.jobs.length)).toEqual([2, 2]);
    for (let finished = 0; finished < 4; finished++) {
      batches[finished]?.finish();
      await tick(1);
    }
    await Promise.all(outcomes);
    expect(batches.map((batch) => [batch.tenantId, batch.jobs.map((one) => one.messageId)])).toEqual([
      ['a', ['a-1', 'a-2']],
      ['a', ['a-3', 'a-4']],
      ['a', ['a-5']],
      ['b', ['b-1']],
    ]);
    expect(mostAtOnce()).toBe(4);
  });

  it("many clinics' lone messages go out side by side, up to the capacity", async () => {
    const { batches, deliver, mostAtOnce } = recorder();
    const batcher = new DeliveryBatcher(deliver, { maxBatch: 5, capacity: 10, windowMs: 5 });
    const outcomes = Array.from({ length: 12 }, (_, n) => batcher.submit(job(`clinic${n}`, 1)));
    await tick();
    expect(batches).toHaveLength(10);
    for (const batch of batches) batch.finish();
    await tick(1);
    expect(batches).toHaveLength(12);
    for (const batch of batches.slice(10)) batch.finish();
    await Promise.all(outcomes);
    expect(mostAtOnce()).toBe(10);
  });

  it('a batch that throws fails each of its jobs, and the next batch still runs', async () => {
    const calls: string[][] = [];
    const batcher = new DeliveryBatcher(
      async (_tenantId, jobs) => {
        calls.push(jobs.map((one) => one.messageId));
        if (calls.length === 1) throw new Error('database gone');
        return jobs.map(() => sent);
      },
      { maxBatch: 5, capacity: 5, windowMs: 1 },
    );
    const first = await Promise.allSettled([batcher.submit(job('a', 1)), batcher.submit(job('a', 2))]);
    expect(first.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit(job('a', 3))).resolves.toEqual({ kind: 'sent' });
  });
});
