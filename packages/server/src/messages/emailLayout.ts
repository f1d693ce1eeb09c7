import { escapeHtml } from './format.js';

/**
 * One description of an email, rendered twice: as HTML and as plain text. Building both from the same
 * blocks keeps the two versions equivalent.
 */

export type Link = { text: string; href: string };
/** A line of text in which some parts may be links. */
export type Line = Array<string | Link>;

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; lines: Line[] }
  | { kind: 'details'; rows: Array<{ label: string; value: string }> }
  /** Secondary information in smaller type. */
  | { kind: 'small'; lines: Line[] }
  | { kind: 'divider' }
  /** Content rendered elsewhere, e.g. a campaign body; `html` must already be safe. */
  | { kind: 'prerendered'; html: string; text: string };

export type Email = { lang: string; title: string; blocks: Block[] };

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const STYLE = {
  body: 'margin:0;padding:0;background-color:#f4f4f5;',
  outer: 'max-width:600px;margin:0 auto;padding:24px 12px;',
  card: `background-color:#ffffff;border-radius:8px;padding:24px;${FONT}font-size:16px;line-height:1.5;color:#1f2937;`,
  heading: 'margin:0 0 16px;font-size:22px;line-height:1.3;color:#111827;',
  paragraph: 'margin:0 0 16px;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  th: 'text-align:left;vertical-align:top;padding:4px 16px 4px 0;font-weight:bold;',
  td: 'vertical-align:top;padding:4px 0;',
  small: 'margin:0 0 12px;font-size:13px;line-height:1.5;color:#4b5563;',
  divider: 'border:0;border-top:1px solid #e5e7eb;margin:24px 0;',
  link: 'color:#1d4ed8;text-decoration:underline;',
};

export function renderHtml(email: Email): string {
  const title = escapeHtml(email.title);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(email.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.outer}">`,
    `<div role="article" aria-label="${title}" style="${STYLE.card}">`,
    ...email.blocks.map(blockHtml),
    '</div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h1 style="${STYLE.heading}">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${block.lines.map(lineHtml).join('<br>\n')}</p>`;
    case 'small':
      return `<p style="${STYLE.small}">${block.lines.map(lineHtml).join('<br>\n')}</p>`;
    case 'details': {
      const rows = block.rows.map(
        (row) =>
          `<tr><th scope="row" style="${STYLE.th}">${escapeHtml(row.label)}</th><td style="${STYLE.td}">${escapeHtml(row.value)}</td></tr>`,
      );
      return `<table style="${STYLE.table}">\n${rows.join('\n')}\n</table>`;
    }
    case 'divider':
      return `<hr style="${STYLE.divider}">`;
    case 'prerendered':
      return block.html;
  }
}

function lineHtml(line: Line): string {
  return line
    .map((part) =>
      typeof part === 'string' ? escapeHtml(part) : `<a href="${escapeHtml(part.href)}" style="${STYLE.link}">${escapeHtml(part.text)}</a>`,
    )
    .join('');
}

export function renderText(email: Email): string {
  return `${email.blocks.map(blockText).join('\n\n')}\n`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
    case 'small':
      return block.lines.map(lineText).join('\n');
    case 'details':
      return block.rows.map((row) => `${row.label}: ${row.value}`).join('\n');
    case 'divider':
      return '-- ';
    case 'prerendered':
      return block.text;
  }
}

/** In plain text a web link shows its address; mail and phone links are already readable as their text. */
function lineText(line: Line): string {
  return line
    .map((part) => {
      if (typeof part === 'string') return part;
      return /^(mailto|tel):/.test(part.href) ? part.text : `${part.text}: ${part.href}`;
    })
    .join('');
}

/** The clinic's name and whatever contact details it has, each on its own line. */
export function contactLines(
  clinic: { name: string; email: string | null; phone: string | null; address: string | null },
  labels: { email: string; phone: string },
): Line[] {
  const lines: Line[] = [[clinic.name]];
  if (clinic.address) lines.push([clinic.address]);
  if (clinic.phone) lines.push([`${labels.phone}: `, { text: clinic.phone, href: `tel:${clinic.phone.replace(/[^\d+]/g, '')}` }]);
  if (clinic.email) lines.push([`${labels.email}: `, { text: clinic.email, href: `mailto:${clinic.email}` }]);
  return lines;
}
