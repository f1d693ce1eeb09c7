import { describe, expect, it } from 'vitest';
import { InFlight } from './inFlight.js';

describe('InFlight', () => {
  it('drains when the last piece of work ends, even if it failed', async () => {
    const inFlight = new InFlight();
    let release: () => void = () => {};
    const slow = inFlight.run(() => new Promise<void>((resolve) => (release = resolve)));
    const failing = inFlight.run(async () => Promise.reject(new Error('boom'))).catch(() => 'failed');
    expect(await failing).toBe('failed');
    expect(inFlight.count).toBe(1);
    let drained = false;
    const waiting = inFlight.drained(5_000).then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    release();
    await slow;
    await waiting;
    expect(drained).toBe(true);
  });

  it('gives up waiting after the timeout', async () => {
    const inFlight = new InFlight();
    void inFlight.run(() => new Promise(() => {}));
    const started = Date.now();
    await inFlight.drained(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(inFlight.count).toBe(1);
  });
});
