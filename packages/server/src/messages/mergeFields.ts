import type { Locale } from '@hetki/shared';
import { COPY } from './copy.js';
import { type Email, renderHtml, renderText } from './emailLayout.js';
import { assertWebUrl, escapeHtml } from './format.js';

export const MERGE_FIELDS = ['firstName', 'lastName', 'fullName', 'clinicName'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** `{{ firstName }}`: whitespace inside the braces is allowed. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function isMergeField(name: string): name is MergeField {
  return (MERGE_FIELDS as readonly string[]).includes(name);
}

export class UnknownMergeFieldError extends Error {
  constructor(readonly fields: string[]) {
    super(`Unknown merge fields: ${fields.map((field) => `{{${field}}}`).join(', ')}`);
    this.name = 'UnknownMergeFieldError';
  }
}

/** Names used in the template that are not merge fields, each once, in order of appearance: check before sending. */
export function unknownMergeFields(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1]!.trim();
    if (!isMergeField(name)) unknown.add(name);
  }
  return [...unknown];
}

/**
 * Fills in the merge fields of a campaign body that staff wrote as plain text. In html mode the
 * whole result (template text and values alike) is escaped and laid out as paragraphs, so neither
 * staff nor a recipient's name can inject markup. Throws UnknownMergeFieldError rather than sending braces.
 */
export function renderMergeTemplate(template: string, values: Record<MergeField, string>, mode: 'html' | 'text'): string {
  const unknown = unknownMergeFields(template);
  if (unknown.length > 0) throw new UnknownMergeFieldError(unknown);
  // One pass: a value that itself looks like `{{lastName}}` is not expanded again.
  const text = template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const field = name.trim();
    return isMergeField(field) ? values[field] : placeholder;
  });
  return mode === 'html' ? plainTextToHtml(text) : text;
}

/** Blank lines separate paragraphs; a single line break stays a line break. */
export function plainTextToHtml(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (normalized === '') return '';
  return normalized
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => `<p style="margin:0 0 16px;">${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

type CampaignFrame = {
  locale: Locale;
  clinicName: string;
  unsubscribeUrl: string;
  /** e.g. "Klinikka Oy, Katu 1, 00100 Helsinki, info@klinikka.fi" */
  clinicContactLine: string;
};

/** A campaign email: the rendered body, then why the person gets it and a visible unsubscribe link. */
export function campaignEmailHtml(args: CampaignFrame & { bodyHtml: string }): string {
  return renderHtml(campaignEmail(args, { html: args.bodyHtml, text: '' }));
}

export function campaignEmailText(args: CampaignFrame & { bodyText: string }): string {
  return renderText(campaignEmail(args, { html: '', text: args.bodyText.trim() }));
}

function campaignEmail(frame: CampaignFrame, body: { html: string; text: string }): Email {
  const copy = COPY[frame.locale].campaign;
  return {
    lang: frame.locale,
    title: frame.clinicName,
    blocks: [
      { kind: 'prerendered', ...body },
      { kind: 'divider' },
      { kind: 'small', lines: [[copy.reason(frame.clinicName)]] },
      {
        kind: 'small',
        lines: [[copy.unsubscribeSentence], [{ text: copy.unsubscribeLinkText, href: assertWebUrl(frame.unsubscribeUrl) }]],
      },
      { kind: 'small', lines: [[frame.clinicContactLine]] },
    ],
  };
}
