import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { withTenant } from '../src/db/context.js';
import { startSampleSite } from '../src/sampleSite/sampleSite.js';
import { createResource } from '../src/services/catalogue/resources.js';
import { createService } from '../src/services/catalogue/services.js';
import { signUp } from '../src/services/tenants/signUp.js';
import { updateWidgetSettings } from '../src/services/widget/widgetSettings.js';
import { startBenchStack } from './stack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const E2E_DIR = path.join(ROOT, 'e2e');
const TARGETS = { loaderBytes: 3 * 1024, widgetBytes: 70 * 1024, firstSlotsMs: 1_000 };
const RUNS = 10;
const ALL_WEEK = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, [{ start: '08:00', end: '20:00' }]]));

const gzipped = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

/** The little of Playwright's API used here (it is the e2e package's dependency, not the server's). */
type Chromium = {
  launch: (options: { executablePath: string; args: string[] }) => Promise<{
    newContext: () => Promise<{
      newPage: () => Promise<{
        goto: (url: string) => Promise<unknown>;
        evaluate: (script: string) => Promise<unknown>;
        frameLocator: (selector: string) => {
          locator: (selector: string) => { first: () => { waitFor: (options: { state: 'visible'; timeout: number }) => Promise<void> } };
        };
      }>;
      close: () => Promise<void>;
    }>;
    close: () => Promise<void>;
  }>;
};

/** What a clinic's page has: a placeholder and the async loader script (here linked straight to one service). */
function insertLoader(loader: string, clinic: string, service: string): string {
  return `(() => {
    const spot = document.createElement('div');
    spot.setAttribute('data-hetki-booking', '');
    document.body.append(spot);
    const script = document.createElement('script');
    script.src = ${JSON.stringify(loader)};
    script.async = true;
    script.dataset.clinic = ${JSON.stringify(clinic)};
    script.dataset.service = ${JSON.stringify(service)};
    document.body.append(script);
  })()`;
}

/** The JavaScript that book.html loads: its module entry and everything it preloads. */
function widgetPageScripts(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'book.html'), 'utf8');
  const sources = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1] as string);
  return [...new Set(sources)].map((source) => path.join(dist, source));
}

/** A clinic open every day, with one service and two practitioners, that allows the sample site. */
async function seedClinic(stack: Awaited<ReturnType<typeof startBenchStack>>, siteOrigin: string) {
  const slug = `bench-web-${Date.now().toString(36)}`;
  const { me } = await signUp(
    stack.runtime.deps,
    {
      clinic: { name: 'Bench Web Clinic', slug },
      owner: { name: 'Bench', email: `${slug}@example.test`, password: 'bench password that is long enough' },
    },
    null,
  );
  const tenantId = me.tenant?.tenantId as string;
  const actor = { type: 'staff' as const, id: me.user.id, role: 'owner' as const, ip: null };
  const serviceId = await withTenant(stack.runtime.deps.db, tenantId, async (tx) => {
    const practitionerIds: string[] = [];
    for (const name of ['Anna', 'Bertil']) {
      practitionerIds.push(
        (await createResource(tx, tenantId, actor, { kind: 'practitioner', name, staffUserId: null, weeklyHours: ALL_WEEK })).id,
      );
    }
    const service = await createService(tx, tenantId, actor, {
      name: { fi: 'Hieronta 45 min', en: 'Massage 45 min' },
      description: {},
      category: null,
      durationMinutes: 45,
      priceCents: 6000,
      currency: 'EUR',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      needsRoom: false,
      bookableOnline: true,
      rules: {},
      practitionerIds,
    });
    await updateWidgetSettings(tx, tenantId, actor, { allowedOrigins: [siteOrigin], cookieBanner: { enabled: true, texts: {} } });
    return service.id;
  });
  return { slug, serviceId };
}

/**
 * `pnpm bench web`: gzipped sizes of the embed loader and of the widget page's JavaScript, then the
 * time from inserting the loader into the sample clinic site to the first list of free times, in
 * headless Chromium with a fresh profile each run (so nothing cached in the browser).
 */
export async function benchWeb(): Promise<void> {
  const dist = mkdtempSync(path.join(tmpdir(), 'hetki-bench-web-'));
  try {
    const build = spawnSync(
      'pnpm',
      ['--filter', '@hetki/web', 'exec', 'vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('web build failed');

    const loaderBytes = gzipped(path.join(dist, 'widget.js'));
    const scripts = widgetPageScripts(dist);
    const widgetBytes = scripts.reduce((sum, file) => sum + gzipped(file), 0);
    console.log(
      `loader /widget.js            ${kb(loaderBytes).padStart(9)} gzipped  (target ≤ ${kb(TARGETS.loaderBytes)}: ${verdict(loaderBytes <= TARGETS.loaderBytes)})`,
    );
    console.log(
      `widget page JavaScript       ${kb(widgetBytes).padStart(9)} gzipped  (target ≤ ${kb(TARGETS.widgetBytes)}: ${verdict(widgetBytes <= TARGETS.widgetBytes)}; ${scripts.map((file) => path.basename(file)).join(', ')})`,
    );

    const stack = await startBenchStack({ WEB_DIST_DIR: dist, AVAILABILITY_CACHE_SECONDS: '30' });
    const site = await startSampleSite({ port: 0, host: '127.0.0.1', hetkiUrl: stack.baseUrl, slug: 'unused' });
    const siteOrigin = `http://127.0.0.1:${site.port}`;
    try {
      const { slug, serviceId } = await seedClinic(stack, siteOrigin);
      // Playwright lives in the e2e package: borrowed from there rather than added here.
      const loaded = (await import(pathToFileURL(createRequire(path.join(E2E_DIR, 'package.json')).resolve('@playwright/test')).href)) as {
        chromium?: Chromium;
        default?: { chromium: Chromium };
      };
      const playwright = { chromium: (loaded.chromium ?? loaded.default?.chromium) as Chromium };
      const browser = await playwright.chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      const timings: number[] = [];
      try {
        for (let run = 0; run < RUNS; run += 1) {
          const context = await browser.newContext();
          const page = await context.newPage();
          // A page of the clinic's site without the loader; then the loader goes in as a clinic's page would have it.
          await page.goto(`${siteOrigin}/tietosuoja`);
          const started = performance.now();
          await page.evaluate(insertLoader(`${stack.baseUrl}/widget.js`, slug, serviceId));
          await page
            .frameLocator('[data-hetki-booking] iframe')
            .locator('button[data-slot]')
            .first()
            .waitFor({ state: 'visible', timeout: 15_000 });
          timings.push(performance.now() - started);
          await context.close();
        }
      } finally {
        await browser.close();
      }
      const sorted = [...timings].sort((a, b) => a - b);
      const median = ((sorted[4] as number) + (sorted[5] as number)) / 2;
      console.log(
        `loader inserted → first slots ${median.toFixed(0).padStart(6)} ms median of ${RUNS} (min ${(sorted[0] as number).toFixed(0)}, max ${(sorted.at(-1) as number).toFixed(0)}; target ≤ ${TARGETS.firstSlotsMs} ms: ${verdict(median <= TARGETS.firstSlotsMs)})`,
      );
    } finally {
      await site.close();
      await stack.close();
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
}
