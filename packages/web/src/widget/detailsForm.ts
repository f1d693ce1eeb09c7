import { isUnderGuardianAge } from '@hetki/shared/guardianAge';
import { h, uid } from './dom';
import { LOCALES, languageName, t } from './i18n';
import type { WidgetConfig } from './types';

export type DetailsValues = Record<string, string | boolean>;

/** A labelled field; its hint and its error are tied to it with aria-describedby. */
function field(
  name: string,
  label: string,
  values: DetailsValues,
  errors: Record<string, string[]>,
  attrs: Record<string, string | boolean> = {},
): HTMLElement {
  const id = uid(`hw-${name}`);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hint = typeof attrs.hint === 'string' ? attrs.hint : null;
  const { hint: _hint, ...inputAttrs } = attrs;
  const problem = errors[name]?.[0];
  const describedBy = [hint ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined;
  return h(
    'div',
    { class: 'hw-field' },
    h('label', { for: id }, label, inputAttrs.required ? null : h('span', { class: 'hw-muted' }, ` ${t('optional')}`)),
    hint ? h('p', { id: hintId, class: 'hw-hint' }, hint) : null,
    h('input', {
      id,
      name,
      value: typeof values[name] === 'string' ? (values[name] as string) : '',
      'aria-invalid': problem ? 'true' : undefined,
      'aria-describedby': describedBy,
      ...inputAttrs,
    }),
    problem ? h('p', { id: errorId, class: 'hw-field-error' }, problem) : null,
  );
}

function checkbox(name: string, label: string, values: DetailsValues): HTMLElement {
  const id = uid(`hw-${name}`);
  // Nothing is ticked for the visitor: only what they tick themselves counts as consent.
  return h(
    'div',
    { class: 'hw-check' },
    h('input', { type: 'checkbox', id, name, checked: values[name] === true }),
    h('label', { for: id }, label),
  );
}

/**
 * The details step's form: the fields the clinic switched on, a guardian's fields when the birth
 * date (or, without one, the birth year) makes the client under 16 today,
 * unticked consents, the privacy notice.
 */
export function detailsForm(options: {
  config: WidgetConfig;
  /** The clinic's today: a birth cannot be later, and the guardian rule looks at the client's age now, as the server does. */
  today: string;
  values: DetailsValues;
  errors: Record<string, string[]>;
  submitLabel: string;
  onSubmit: (values: DetailsValues) => void;
}): HTMLFormElement {
  const { config, values, errors } = options;
  const fields = config.clientFields;
  const guardianBox = h(
    'fieldset',
    { class: 'hw-fieldset', hidden: true },
    h('legend', {}, t('guardian')),
    h('p', { class: 'hw-hint' }, t('guardianHint')),
    field('guardianName', t('guardianName'), values, errors, { required: true, autocomplete: 'off', maxlength: '120' }),
    field('guardianPhone', t('guardianPhone'), values, errors, { required: true, type: 'tel', autocomplete: 'off', maxlength: '32' }),
    field('guardianEmail', t('guardianEmail'), values, errors, { type: 'email', autocomplete: 'off', maxlength: '254' }),
  );
  // The server's rule: by the birth date when given, else by a birth year that leaves no doubt.
  const setGuardianShown = (birthDate: string, birthYear: string) => {
    const year = /^\d{4}$/.test(birthYear.trim()) ? Number(birthYear) : null;
    const needed = isUnderGuardianAge(birthDate, year, options.today);
    guardianBox.hidden = !needed;
    guardianBox.disabled = !needed;
  };
  const privacy = config.privacyNoticeUrl
    ? h(
        'p',
        { class: 'hw-small' },
        ...t('privacy', { link: '\u0000' })
          .split('\u0000')
          .flatMap((part, index) =>
            index === 0
              ? [part]
              : [h('a', { href: config.privacyNoticeUrl as string, target: '_blank', rel: 'noopener' }, t('privacyLink')), part],
          ),
      )
    : h('p', { class: 'hw-small' }, t('privacyPlain'));

  const form = h(
    'form',
    { class: 'hw-form', novalidate: false },
    h(
      'div',
      { class: 'hw-row' },
      field('firstName', t('firstName'), values, errors, { required: true, autocomplete: 'given-name', maxlength: '80' }),
      field('lastName', t('lastName'), values, errors, { required: true, autocomplete: 'family-name', maxlength: '80' }),
    ),
    field('email', t('email'), values, errors, { required: true, type: 'email', autocomplete: 'email', maxlength: '254' }),
    field('phone', t('phone'), values, errors, {
      required: true,
      type: 'tel',
      autocomplete: 'tel',
      maxlength: '32',
      hint: t('phoneHint'),
      pattern: '\\+?[0-9 \\(\\)\\-]{5,31}',
    }),
    fields.birthDate
      ? field('birthDate', t('birthDate'), values, errors, { required: true, type: 'date', autocomplete: 'bday', max: options.today })
      : null,
    fields.birthYear
      ? field('birthYear', t('birthYear'), values, errors, {
          type: 'number',
          min: '1900',
          max: options.today.slice(0, 4),
          inputmode: 'numeric',
        })
      : null,
    fields.gender ? field('gender', t('gender'), values, errors, { autocomplete: 'sex', maxlength: '40' }) : null,
    fields.address
      ? h(
          'div',
          {},
          field('street', t('street'), values, errors, { required: true, autocomplete: 'street-address', maxlength: '200' }),
          h(
            'div',
            { class: 'hw-row' },
            field('postalCode', t('postalCode'), values, errors, { required: true, autocomplete: 'postal-code', maxlength: '10' }),
            field('city', t('city'), values, errors, { required: true, autocomplete: 'address-level2', maxlength: '100' }),
          ),
        )
      : null,
    fields.language ? languageField(values) : null,
    guardianBox,
    h(
      'fieldset',
      { class: 'hw-fieldset' },
      h('legend', {}, t('consents')),
      checkbox('marketingEmail', t('marketingEmail'), values),
      checkbox('marketingSms', t('marketingSms'), values),
      config.askPhotoVideoConsent ? checkbox('photoVideo', t('photoVideo'), values) : null,
      h('p', { class: 'hw-hint' }, t('consentHint')),
    ),
    privacy,
    h('button', { type: 'submit', class: 'hw-primary' }, options.submitLabel),
  );
  const birth = form.elements.namedItem('birthDate') as HTMLInputElement | null;
  const birthYear = form.elements.namedItem('birthYear') as HTMLInputElement | null;
  const showGuardianIfNeeded = () => setGuardianShown(birth?.value ?? '', birthYear?.value ?? '');
  birth?.addEventListener('input', showGuardianIfNeeded);
  birthYear?.addEventListener('input', showGuardianIfNeeded);
  showGuardianIfNeeded();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const collected: DetailsValues = {};
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement) || !element.name) continue;
      if (element.closest('fieldset')?.disabled) continue;
      collected[element.name] = element instanceof HTMLInputElement && element.type === 'checkbox' ? element.checked : element.value.trim();
    }
    options.onSubmit(collected);
  });
  return form;
}

function languageField(values: DetailsValues): HTMLElement {
  const id = uid('hw-language');
  return h(
    'div',
    { class: 'hw-field' },
    h('label', { for: id }, t('preferredLanguage')),
    h(
      'select',
      { id, name: 'language' },
      LOCALES.map((code) => h('option', { value: code, selected: values.language === code, lang: code }, languageName(code))),
    ),
  );
}

/** The booking API's client and consent parts, from the form's values. */
export function bookingPayload(values: DetailsValues, config: WidgetConfig) {
  const text = (name: string) => (typeof values[name] === 'string' && values[name] !== '' ? (values[name] as string) : undefined);
  const guardianName = text('guardianName');
  return {
    client: {
      firstName: text('firstName'),
      lastName: text('lastName'),
      email: text('email'),
      phone: text('phone'),
      birthDate: text('birthDate'),
      birthYear: text('birthYear') ? Number(text('birthYear')) : undefined,
      gender: text('gender'),
      language: text('language'),
      address: text('street') ? { street: text('street'), postalCode: text('postalCode'), city: text('city') } : undefined,
      guardian: guardianName ? { name: guardianName, phone: text('guardianPhone'), email: text('guardianEmail') } : undefined,
    },
    consents: {
      marketingEmail: values.marketingEmail === true,
      marketingSms: values.marketingSms === true,
      photoVideo: config.askPhotoVideoConsent && values.photoVideo === true,
      noticeVersion: config.privacyNoticeVersion,
    },
  };
}

/** Server field errors ('client.email') by the form's field names ('email'). */
export function formErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  // The server's messages are in English: each flagged field gets the visitor's own language.
  for (const path of Object.keys(fieldErrors)) {
    const name = path
      .replace(/^client\./, '')
      .replace(/^address\./, '')
      .replace(/^guardian\.(\w)/, (_, first: string) => `guardian${first.toUpperCase()}`);
    out[name] = [t('checkField')];
  }
  return out;
}
