import express, { type Router } from 'express';
import type { Deps } from '../deps.js';
import { escapeHtml } from '../messages/index.js';
import { confirmSubscription } from '../services/marketing/subscribe.js';
import { unsubscribeByToken } from '../services/marketing/unsubscribe.js';
import { normaliseIp } from '../trpc/context.js';

const TOKEN = /^[A-Za-z0-9._-]{10,200}$/;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#0b6e4f;color:#fff;cursor:pointer}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function send(res: express.Response, status: number, html: string): void {
  res.status(status).set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).type('html').send(html);
}

/**
 * The pages behind links in messages. Following a link never changes anything by itself (mail
 * scanners open links); a button posts the decision. RFC 8058 one-click unsubscribe posts
 * straight to the same URL.
 */
export function marketingPagesRouter(deps: Deps): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '4kb' }));

  router.get('/u/:token', (req, res) => {
    if (!TOKEN.test(req.params.token) || !deps.unsubscribeTokens.read(req.params.token)) {
      return send(res, 404, page('Link not valid', '<p>This unsubscribe link is not valid.</p>'));
    }
    send(
      res,
      200,
      page(
        'Unsubscribe',
        '<p>Stop receiving marketing messages on this channel? / Lopetetaanko markkinointiviestit tähän kanavaan? / Avsluta marknadsföringsmeddelanden?</p><form method="post"><button type="submit" name="confirm" value="1">Unsubscribe / Peru tilaus / Avsluta</button></form>',
      ),
    );
  });

  router.post('/u/:token', async (req, res, next) => {
    try {
      const result = TOKEN.test(req.params.token) ? await unsubscribeByToken(deps, req.params.token, normaliseIp(req.ip)) : null;
      if (!result) return send(res, 404, page('Link not valid', '<p>This unsubscribe link is not valid.</p>'));
      send(
        res,
        200,
        page('Unsubscribed', `<p>You will receive no more marketing from ${escapeHtml(result.clinicName)} on this channel.</p>`),
      );
    } catch (error) {
      next(error);
    }
  });

  router.get('/m/:slug/confirm', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    if (!TOKEN.test(token)) return send(res, 404, page('Link not valid', '<p>This confirmation link is not valid.</p>'));
    send(
      res,
      200,
      page(
        'Confirm your subscription',
        `<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Confirm / Vahvista / Bekräfta</button></form>`,
      ),
    );
  });

  router.post('/m/:slug/confirm', async (req, res, next) => {
    try {
      const token = typeof req.body?.token === 'string' ? req.body.token : '';
      const slug = req.params.slug.toLowerCase();
      const result =
        TOKEN.test(token) && /^[a-z0-9-]{1,40}$/.test(slug)
          ? await confirmSubscription(deps, slug, token, normaliseIp(req.ip)).catch(() => null)
          : null;
      if (!result) return send(res, 404, page('Link not valid', '<p>This confirmation link is not valid or has expired.</p>'));
      send(res, 200, page('Subscribed', `<p>Thank you. You will receive the ${escapeHtml(result.clinicName)} newsletter by email.</p>`));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
