import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import type { Deps } from '../deps.js';
import { DomainError } from '../lib/errors.js';
import { allowedEmbedOrigins } from '../services/widget/embedOrigin.js';
import { type WidgetStart, widgetStart } from '../services/widget/widgetStart.js';

/**
 * What the widget needs first goes into the page itself (see widgetStart), saving it round trips
 * before its first view. As JSON in a non-executed script element, `<` escaped so no text of the
 * clinic's can close the element.
 */
export function withInlineStart(page: string, start: WidgetStart | null): string {
  if (!start) return page;
  const json = JSON.stringify(start).replace(/</g, '\\u003c');
  // A function, so `$&`, `$\`` and the like in a clinic's text stay text rather than replacement patterns.
  return page.replace('</head>', () => `<script id="hetki-start" type="application/json">${json}</script></head>`);
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
  // Read once: the built web app does not change under a running server.
  let bookHtml: Promise<string> | null = null;
  const bookPage = () => {
    bookHtml ??= readFile(path.join(webDist, 'book.html'), 'utf8').catch((error: unknown) => {
      bookHtml = null;
      throw error;
    });
    return bookHtml;
  };
  pages.get(['/book/:slug', '/book/:slug/manage'], async (req, res, next) => {
    try {
      const slug = String(req.params.slug).toLowerCase();
      const known = /^[a-z0-9-]{1,40}$/.test(slug);
      const booking = !req.path.endsWith('/manage');
      const serviceId = typeof req.query.service === 'string' ? req.query.service : null;
      const [allowed, start] = known
        ? await Promise.all([
            allowedEmbedOrigins(deps, slug).catch(unknownClinicAllowsNone),
            widgetStart(deps, slug, { booking, serviceId }),
          ])
        : [[], null];
      const page = await bookPage();
      res.removeHeader('X-Frame-Options');
      res.setHeader('Content-Security-Policy', frameAncestors(allowed));
      // The page knows the embedding site from the URL the loader gives it; it must not leak further.
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(withInlineStart(page, start));
    } catch (error) {
      next(error);
    }
  });
  return pages;
}
