import type { RequestHandler } from 'express';

/** Procedures the loader calls from the clinic's own site, i.e. cross-origin. */
const CROSS_ORIGIN_PROCEDURES = new Set(['public.widget.config', 'public.widget.recordCookieConsent']);

/**
 * CORS for the loader's calls. Answering a preflight grants nothing: each actual call is checked
 * against the clinic's allowed sites by the procedure (403 ORIGIN_NOT_ALLOWED otherwise), and no
 * credentials are ever allowed.
 */
export const loaderCors: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  const procedures = req.path.replace(/^\//, '').split(',');
  if (!origin || !procedures.every((name) => CROSS_ORIGIN_PROCEDURES.has(name))) return next();
  // '*' (never with credentials): the answer is the same whoever asks, so no cache needs to vary by Origin.
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
};
