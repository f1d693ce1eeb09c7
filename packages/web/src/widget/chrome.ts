import { h } from './dom';
import { type Locale, languageName, locale, t } from './i18n';

/** The widget's header: the clinic's name and the language switcher. */
export function header(clinicName: string, locales: readonly Locale[], onLocale: (next: Locale) => void): HTMLElement {
  const select = h(
    'select',
    { id: 'hw-lang', onchange: (event: Event) => onLocale((event.target as HTMLSelectElement).value as Locale) },
    locales.map((code) => h('option', { value: code, selected: code === locale(), lang: code }, languageName(code))),
  );
  return h(
    'header',
    { class: 'hw-header' },
    h('p', { class: 'hw-clinic' }, clinicName),
    locales.length > 1 ? h('div', { class: 'hw-lang' }, h('label', { for: 'hw-lang' }, t('language')), select) : null,
  );
}

/** A step's heading with its number, and a back button where there is a step to go back to. */
export function stepHeading(step: number, title: string, onBack?: () => void): HTMLElement[] {
  return [
    h('p', { class: 'hw-step' }, t('stepOf', { n: step })),
    h('h1', { 'data-focus': true }, title),
    onBack ? h('button', { type: 'button', class: 'hw-back', onclick: onBack }, `← ${t('back')}`) : (null as unknown as HTMLElement),
  ].filter(Boolean);
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'hw-error', role: 'alert' }, message);
}
