import express, { type Request, type Response } from 'express';
import type { Attachment } from 'mailparser';
import { type CaughtMessage, decodeMimeWords, type SmtpSink } from './smtpSink.js';

/**
 * Development-only pages over an SMTP sink: what Hetki "sent" while no real SMTP server was configured.
 * All links are built from req.baseUrl, so the router works wherever it is mounted (e.g. /dev/mail).
 */

const CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:";

export type DevMailListItem = { id: number; receivedAt: string; from: string; to: string[]; subject: string };

export function devMailRouter(sink: SmtpSink): express.Router {
  const router = express.Router();

  router.use((_req, res, next) => {
    res.set({
      'Cache-Control': 'no-store',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    next();
  });

  router.get('/', (req, res) => {
    const base = req.baseUrl;
    const messages = sink.messages();
    const total = sink.count();
    const body =
      messages.length === 0
        ? `<div class="empty"><p><strong>No messages yet.</strong></p>
<p>Messages that Hetki sends in development are caught here instead of being delivered.
Point <code>SMTP_URL</code> at a real server to deliver them. This page refreshes every 5 seconds.</p></div>`
        : `<p class="muted">${total} message${total === 1 ? '' : 's'} caught${
            total > messages.length ? `, showing the newest ${messages.length}` : ''
          }. Newest first; this page refreshes every 5 seconds.</p>
<table>
<thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead>
<tbody>
${messages
  .map(
    (m) => `<tr>
<td class="nowrap"><time datetime="${m.receivedAt.toISOString()}">${escapeHtml(formatTime(m.receivedAt))}</time></td>
<td>${escapeHtml(displayFrom(m))}</td>
<td>${escapeHtml(m.envelopeTo.join(', '))}</td>
<td><a href="${escapeHtml(`${base}/messages/${m.id}`)}">${escapeHtml(m.subject || '(no subject)')}</a></td>
</tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
    sendPage(res, 200, 'Development mail', body, { refresh: true });
  });

  router.get('/api/messages', (_req, res) => {
    const list: DevMailListItem[] = sink.messages().map((m) => ({
      id: m.id,
      receivedAt: m.receivedAt.toISOString(),
      from: m.envelopeFrom,
      to: m.envelopeTo,
      subject: m.subject,
    }));
    res.json(list);
  });

  router.get('/messages/:id', async (req, res) => {
    const found = await findMessage(sink, req.params.id);
    if (!found) return notFound(req, res);
    const { message: m, parsed } = found;
    const base = req.baseUrl;
    const rows: [string, string | undefined][] = [
      ['From', decoded(m.headers.from)],
      ['To', decoded(m.headers.to)],
      ['Cc', decoded(m.headers.cc)],
      ['Reply-To', decoded(m.headers['reply-to'])],
      ['Subject', m.subject],
      ['Date', m.headers.date],
      ['List-Unsubscribe', m.headers['list-unsubscribe']],
      ['List-Unsubscribe-Post', m.headers['list-unsubscribe-post']],
      ['Message-ID', m.messageId ?? undefined],
      ['Envelope from', m.envelopeFrom || '<>'],
      ['Envelope to', m.envelopeTo.join(', ')],
      ['Received', formatTime(m.receivedAt)],
    ];
    const headerTable = `<table class="headers"><tbody>
${rows
  .filter((row): row is [string, string] => row[1] !== undefined)
  .map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
  .join('\n')}
</tbody></table>`;
    const html =
      parsed.html === false
        ? '<p class="muted">No HTML part.</p>'
        : `<iframe sandbox srcdoc="${escapeHtml(parsed.html)}" title="HTML body of the message"></iframe>`;
    const text = parsed.text === undefined ? '<p class="muted">No plain-text part.</p>' : `<pre>${escapeHtml(parsed.text)}</pre>`;
    const attachments =
      parsed.attachments.length === 0
        ? '<p class="muted">No attachments.</p>'
        : `<ul>${parsed.attachments
            .map(
              (a, index) =>
                `<li><a href="${escapeHtml(`${base}/messages/${m.id}/attachments/${index}`)}">${escapeHtml(attachmentName(a, index))}</a>
<span class="muted">${escapeHtml(a.contentType)}, ${escapeHtml(formatBytes(a.size))}${a.related ? ', inline' : ''}</span></li>`,
            )
            .join('\n')}</ul>`;
    const body = `<p><a href="${escapeHtml(`${base}/`)}">← All messages</a> ·
<a href="${escapeHtml(`${base}/messages/${m.id}/raw`)}">Download .eml</a> ·
<a href="${escapeHtml(`${base}/messages/${m.id}/raw?view=1`)}">View source</a></p>
${headerTable}
<h2>HTML</h2>
${html}
<h2>Plain text</h2>
${text}
<h2>Attachments</h2>
${attachments}`;
    sendPage(res, 200, m.subject || '(no subject)', body);
  });

  router.get('/messages/:id/raw', (req, res) => {
    const m = findCaught(sink, req.params.id);
    if (!m) return notFound(req, res);
    if (req.query.view !== undefined) {
      res.type('text/plain; charset=utf-8').send(m.raw);
      return;
    }
    res.set('Content-Disposition', `attachment; filename="hetki-message-${m.id}.eml"`);
    res.type('message/rfc822').send(m.raw);
  });

  router.get('/messages/:id/attachments/:index', async (req, res) => {
    const found = await findMessage(sink, req.params.id);
    const index = /^\d+$/.test(req.params.index) ? Number(req.params.index) : -1;
    const attachment = found?.parsed.attachments[index];
    if (!found || !attachment) return notFound(req, res);
    res.attachment(attachmentName(attachment, index));
    res.set('Content-Type', attachment.contentType || 'application/octet-stream');
    res.send(attachment.content);
  });

  router.use((req, res) => notFound(req, res));

  return router;
}

function findCaught(sink: SmtpSink, rawId: string): CaughtMessage | undefined {
  if (!/^\d{1,15}$/.test(rawId)) return undefined;
  const id = Number(rawId);
  return sink.messages().find((m) => m.id === id);
}

async function findMessage(sink: SmtpSink, rawId: string) {
  const message = findCaught(sink, rawId);
  if (!message) return undefined;
  const parsed = await sink.parsed(message.id);
  return parsed ? { message, parsed } : undefined;
}

function notFound(req: Request, res: Response): void {
  sendPage(
    res,
    404,
    'Not found',
    `<p>There is no such message or attachment here. Messages may have been evicted (only the newest messages are kept) or the server may have restarted.</p>
<p><a href="${escapeHtml(`${req.baseUrl}/`)}">← All messages</a></p>`,
  );
}

function sendPage(res: Response, status: number, title: string, body: string, options: { refresh?: boolean } = {}): void {
  res
    .status(status)
    .type('html')
    .send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refresh ? '<meta http-equiv="refresh" content="5">\n' : ''}<title>${escapeHtml(title)} · Hetki dev mail</title>
<style>
  :root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
  header { display: flex; align-items: baseline; gap: 1rem; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
  header .tag { font-size: 0.8rem; color: var(--muted); }
  h1 { font-size: 1.4rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
  a { color: var(--accent); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
  thead th { font-size: 0.85rem; color: var(--muted); }
  table.headers th { width: 12rem; color: var(--muted); font-weight: 500; }
  .nowrap { white-space: nowrap; }
  .muted { color: var(--muted); }
  .empty { padding: 2rem; border: 1px dashed var(--line); border-radius: 8px; text-align: center; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,0.1); padding: 1rem; border-radius: 6px; }
  iframe { width: 100%; height: 36rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; resize: vertical; }
</style>
</head>
<body>
<header><strong>Hetki</strong><span class="tag">development mail sink</span></header>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`);
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

function decoded(value: string | undefined): string | undefined {
  return value === undefined ? undefined : decodeMimeWords(value);
}

function displayFrom(m: CaughtMessage): string {
  return decoded(m.headers.from) || m.envelopeFrom || '<>';
}

function attachmentName(a: Attachment, index: number): string {
  return a.filename || `attachment-${index + 1}`;
}

function formatTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
