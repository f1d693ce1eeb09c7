import type postgres from 'postgres';
import { type SmtpSink, startSmtpSink } from '../src/mail/smtpSink.js';
import { startWorkers, type Workers } from '../src/workers/startWorkers.js';
import type { ApiClient, Harness } from './harness.js';

export type WorkerStack = { sink: SmtpSink; workers: Workers; close: () => Promise<void> };

/** A real SMTP sink and the real workers (BullMQ on Redis) next to a harness. */
export async function startWorkerStack(harness: Harness): Promise<WorkerStack> {
  const sink = await startSmtpSink({ keep: 5_000 });
  const workers = await startWorkers(harness.deps, { smtpUrl: `${sink.url}?tls=off`, connection: harness.deps.redis });
  return {
    sink,
    workers,
    close: async () => {
      await workers.close();
      await sink.close();
    },
  };
}

/**
 * `count` marketing contacts in one clinic, inserted directly (the register's API is tested
 * elsewhere): every `consentedEvery`-th one has granted email consent. Returns their emails.
 */
export async function seedContacts(
  owner: postgres.Sql,
  tenantId: string,
  count: number,
  options: { consented: (index: number) => boolean; prefix: string; phone?: boolean },
): Promise<{ consented: string[]; others: string[]; ids: Map<string, string> }> {
  const rows = Array.from({ length: count }, (_, index) => ({
    index,
    email: `${options.prefix}${index}@example.test`,
    phone: options.phone ? `+35840${String(1_000_000 + index)}` : null,
    consented: options.consented(index),
  }));
  const ids = new Map<string, string>();
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const inserted = await owner<{ id: string; email: string }[]>`
      insert into marketing_contacts ${owner(
        chunk.map((row) => ({
          tenant_id: tenantId,
          id: crypto.randomUUID(),
          name: `Contact ${row.index}`,
          email: row.email,
          phone: row.phone,
          locale: 'fi',
        })),
      )} returning id, email`;
    for (const row of inserted) ids.set(row.email, row.id);
  }
  const grants = rows.filter((row) => row.consented);
  for (let start = 0; start < grants.length; start += 1000) {
    const chunk = grants.slice(start, start + 1000);
    await owner`insert into marketing_consents ${owner(
      chunk.flatMap((row) =>
        (options.phone ? ['email', 'sms'] : ['email']).map((channel) => ({
          tenant_id: tenantId,
          id: crypto.randomUUID(),
          contact_id: ids.get(row.email) as string,
          channel,
          granted: true,
          source: 'web_form',
          notice_version: '1',
          recorded_at: new Date(Date.now() - 86_400_000),
        })),
      ),
    )}`;
  }
  return { consented: grants.map((row) => row.email), others: rows.filter((row) => !row.consented).map((row) => row.email), ids };
}

/** Polls until `check` returns true (or throws after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The clinic's campaign limits, with the default SMS window (08–20 clinic time) unless a test needs another. */
export function setMarketingLimits(
  owner: ApiClient,
  limits: { frequencyCapPerYear: number; sendRatePerMinute: number },
  smsWindow: { smsFromHour: number; smsUntilHour: number } = { smsFromHour: 8, smsUntilHour: 20 },
): Promise<unknown> {
  return owner.mutate('staff.settings.update', { preferences: { marketing: { ...limits, ...smsWindow } } });
}

/** A draft email campaign to everyone who consented. */
export function createEmailCampaign(owner: ApiClient, fields: { name: string; subject: string; body: string }): Promise<{ id: string }> {
  return owner.mutate<{ id: string }>('staff.marketing.campaigns.create', { ...fields, channel: 'email', audience: { kind: 'all' } });
}
