import postgres from 'postgres';

export const LARGE_SLUG = 'bench-large';
const ALL_WEEKDAYS = `{"1":[{"start":"08:00","end":"18:00"}],"2":[{"start":"08:00","end":"18:00"}],"3":[{"start":"08:00","end":"18:00"}],"4":[{"start":"08:00","end":"18:00"}],"5":[{"start":"08:00","end":"18:00"}]}`;

/** Runs a script one statement at a time (prepared statements hold one each); `$1` where used. */
async function runScript(tx: postgres.TransactionSql, script: string, params: string[] = []): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
  for (const statement of statements) await tx.unsafe(statement, statement.includes('$1') ? params : []);
}

export type LargeClinic = { tenantId: string; slug: string; roomServiceId: string; plainServiceId: string };

/**
 * The benchmark data set, seeded once per database with set-based SQL as the owner (the requests
 * that are measured still go through the API as hetki_app):
 * - 1,000 small tenants, each with 2 practitioners, a service, 20 clients and 100 bookings;
 * - one large clinic: 20 practitioners and 5 rooms working Mon–Fri 08–18, 5 services, 5,000
 *   clients and 50,000 bookings over two years (one behind, one ahead), with their allocations.
 */
export async function seedLargeDataSet(ownerUrl: string, log: (line: string) => void): Promise<LargeClinic> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql<{ id: string }[]>`select id from tenants where slug = ${LARGE_SLUG}`;
    if (!existing) {
      const started = Date.now();
      await sql.begin(async (tx) => {
        await runScript(
          tx,
          `
          create temporary table bench_small on commit drop as
            select gen_random_uuid() as tenant_id, n from generate_series(1, 1000) as n;
          insert into tenants (id, slug, name) select tenant_id, 'bench-small-' || n, 'Bench clinic ' || n from bench_small;
          create temporary table bench_small_res on commit drop as
            select tenant_id, gen_random_uuid() as id, p from bench_small, generate_series(1, 2) as p;
          insert into resources (tenant_id, id, kind, name, weekly_hours)
            select tenant_id, id, 'practitioner', 'Practitioner ' || p, '${ALL_WEEKDAYS}'::jsonb from bench_small_res;
          create temporary table bench_small_svc on commit drop as select tenant_id, gen_random_uuid() as id from bench_small;
          insert into services (tenant_id, id, name, duration_minutes, price_cents) select tenant_id, id, '{"fi":"Hieronta"}', 60, 6000 from bench_small_svc;
          insert into service_practitioners select s.tenant_id, s.id, r.id from bench_small_svc s join bench_small_res r using (tenant_id);
          create temporary table bench_small_clients on commit drop as
            select tenant_id, gen_random_uuid() as id, c from bench_small, generate_series(1, 20) as c;
          insert into clients (tenant_id, id, first_name, last_name, email)
            select tenant_id, id, 'Client', 'Number ' || c, 'client' || c || '.' || left(tenant_id::text, 8) || '@example.test' from bench_small_clients;
          create temporary table bench_small_bookings on commit drop as
            select r.tenant_id, gen_random_uuid() as id, r.id as practitioner_id, s.id as service_id, cl.id as client_id,
                   ((current_date - 180 + (b * 3))::timestamp + time '09:00') at time zone 'Europe/Helsinki' as starts_at
            from bench_small_res r
            join bench_small_svc s using (tenant_id)
            cross join generate_series(1, 50) as b
            join bench_small_clients cl on cl.tenant_id = r.tenant_id and cl.c = 1 + (b % 20);
          insert into bookings (tenant_id, id, client_id, service_id, practitioner_id, starts_at, ends_at, status, source, price_cents, currency)
            select tenant_id, id, client_id, service_id, practitioner_id, starts_at, starts_at + interval '60 minutes', 'confirmed', 'staff', 6000, 'EUR'
            from bench_small_bookings;
          insert into allocations (tenant_id, id, resource_id, booking_id, kind, during)
            select tenant_id, gen_random_uuid(), practitioner_id, id, 'booking', tstzrange(starts_at, starts_at + interval '60 minutes', '[)')
            from bench_small_bookings;
        `,
        );
        log(`  1,000 small tenants seeded (${((Date.now() - started) / 1000).toFixed(1)} s)`);

        const [large] = await tx<{ id: string }[]>`
          insert into tenants (id, slug, name, preferences) values (gen_random_uuid(), ${LARGE_SLUG}, 'Bench Large Clinic',
            '{"bookingRules":{"minNoticeMinutes":60,"maxAdvanceDays":400,"slotStepMinutes":15,"cancellationWindowHours":24}}')
          returning id`;
        const tenantId = large?.id as string;
        await runScript(
          tx,
          `
          create temporary table bench_large_res on commit drop as
            select gen_random_uuid() as id, p, case when p <= 20 then 'practitioner' else 'room' end as kind from generate_series(1, 25) as p;
          insert into resources (tenant_id, id, kind, name, weekly_hours)
            select $1, id, kind, initcap(kind) || ' ' || p, '${ALL_WEEKDAYS}'::jsonb from bench_large_res;
          create temporary table bench_large_svc on commit drop as
            select gen_random_uuid() as id, s from generate_series(1, 5) as s;
          insert into services (tenant_id, id, name, duration_minutes, price_cents, buffer_after_minutes, needs_room)
            select $1, id, jsonb_build_object('fi', 'Palvelu ' || s), case when s = 1 then 45 else 60 end, 7000, 15, s = 1 from bench_large_svc;
          insert into service_practitioners select $1, s.id, r.id from bench_large_svc s cross join bench_large_res r where r.kind = 'practitioner';
          create temporary table bench_large_clients on commit drop as select gen_random_uuid() as id, c from generate_series(1, 5000) as c;
          insert into clients (tenant_id, id, first_name, last_name, email)
            select $1, id, 'Asiakas', 'Numero ' || c, 'asiakas' || c || '@example.test' from bench_large_clients;
          -- Five 60-minute visits a working day per practitioner, two years: 20 x ~500 days x 5 = 50,000.
          create temporary table bench_large_bookings on commit drop as
            select gen_random_uuid() as id, r.id as practitioner_id, d, v,
                   ((d + time '08:00' + (v - 1) * interval '105 minutes') at time zone 'Europe/Helsinki') as starts_at,
                   row_number() over () as n
            from bench_large_res r
            cross join generate_series(current_date - 365, current_date + 365, interval '1 day') as d
            cross join generate_series(1, 5) as v
            where r.kind = 'practitioner' and extract(isodow from d) <= 5;
          delete from bench_large_bookings where n > 50000;
          insert into bookings (tenant_id, id, client_id, service_id, practitioner_id, starts_at, ends_at, status, source, price_cents, currency)
            select $1, b.id, c.id, s.id, b.practitioner_id, b.starts_at, b.starts_at + interval '60 minutes',
                   case when b.starts_at < now() then 'completed' else 'confirmed' end, 'staff', 7000, 'EUR'
            from bench_large_bookings b
            join bench_large_clients c on c.c = 1 + (b.n % 5000)
            join bench_large_svc s on s.s = 2;
          insert into allocations (tenant_id, id, resource_id, booking_id, kind, during)
            select $1, gen_random_uuid(), practitioner_id, id, 'booking', tstzrange(starts_at, starts_at + interval '75 minutes', '[)')
            from bench_large_bookings;
        `,
          [tenantId],
        );
      });
      await sql`analyze`;
      log(`  data set seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const [tenant] = await sql<{ id: string }[]>`select id from tenants where slug = ${LARGE_SLUG}`;
    const serviceRows = await sql<{ id: string; needs_room: boolean }[]>`
      select id, needs_room from services where tenant_id = ${tenant?.id as string} order by needs_room desc, id limit 2`;
    const [counts] = await sql<{ tenants: number; bookings: number; large: number }[]>`
      select (select count(*)::int from tenants) as tenants, (select count(*)::int from bookings) as bookings,
             (select count(*)::int from bookings where tenant_id = ${tenant?.id as string}) as large`;
    log(`  ${counts?.tenants} tenants, ${counts?.bookings} bookings in all, ${counts?.large} in the large clinic`);
    return {
      tenantId: tenant?.id as string,
      slug: LARGE_SLUG,
      roomServiceId: serviceRows.find((row) => row.needs_room)?.id as string,
      plainServiceId: serviceRows.find((row) => !row.needs_room)?.id as string,
    };
  } finally {
    await sql.end();
  }
}
