import type { Server } from 'node:http';
import express from 'express';
import { clinicContactPage, clinicHomePage, clinicPrivacyPage } from './clinicPage.js';

export type SampleSite = { url: string; port: number; close: () => Promise<void> };

/**
 * A clinic's own website on another port (so another origin), embedding Hetki's loader with an
 * inline booking widget and the cookie banner: the demo, the e2e tests and `pnpm bench web` use it.
 */
export async function startSampleSite(options: { port: number; host: string; hetkiUrl: string; slug: string }): Promise<SampleSite> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.type('html').send(clinicHomePage(options.hetkiUrl, options.slug));
  });
  app.get('/yhteystiedot', (_req, res) => {
    res.type('html').send(clinicContactPage(options.hetkiUrl, options.slug));
  });
  app.get('/tietosuoja', (_req, res) => {
    res.type('html').send(clinicPrivacyPage());
  });
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, options.host, () => resolve(listening));
    listening.on('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
