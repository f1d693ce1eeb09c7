import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WidgetConfig } from '@hetki/shared';
import express from 'express';
import type { Deps } from '../deps.js';
import { DomainError } from '../lib/errors.js';
import { allowedEmbedOrigins } from '../services/widget/embedOrigin.js';
import { publicWidgetConfig } from '../services/widget/widgetConfig.js';

function unknownClinicHasNone(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}

/**
 * The clinic's public widget configuration goes into the page itself, saving the widget a round
 * trip before its first step. As JSON in a non-executed script element, `<` escaped so no text of
 * the clinic's can close the element.
 */
export function withInlineConfig(page: string, config: WidgetConfig | null): string {
  if (!config) return page;
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return page.replace('</head>', `<script id="hetki-config" type="application/json">${json}</script></head>`);
}

function unknownClinicAllowsNone(error: unknown): string[] {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return [];
  throw error;
}

/** The widget page may be framed by Hetki itself and by the sites the clinic lists, nobody else. */
export function frameAncestors(allowed: string[]): string {
  return ["frame-ancestors 'self'", ...allowed].join(' ');
}

/**
 * `/book/<slug>` and `/book/<slug>/manage`: the booking widget page (its own Vite entry,
 * book.html), framable only by the clinic's allowed sites. An unknown clinic gets the page too
 * (it says so), framable by nobody else.
 */
export function widgetPagesRouter(deps: Deps, webDist: string): express.Router {
  const pages = express.Router();
  pages.get(['/book/:slug', '/book/:slug/manage'], async (req, res, next) => {
    try {
      const slug = String(req.params.slug).toLowerCase();
      const known = /^[a-z0-9-]{1,40}$/.test(slug);
      const [allowed, config] = known
        ? await Promise.all([
            allowedEmbedOrigins(deps, slug).catch(unknownClinicAllowsNone),
            publicWidgetConfig(deps, slug).catch(unknownClinicHasNone),
          ])
        : [[], null];
      const page = await readFile(path.join(webDist, 'book.html'), 'utf8');
      res.removeHeader('X-Frame-Options');
      res.setHeader('Content-Security-Policy', frameAncestors(allowed));
      // The page knows the embedding site from the URL the loader gives it; it must not leak further.
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(withInlineConfig(page, config));
    } catch (error) {
      next(error);
    }
  });
  return pages;
}
