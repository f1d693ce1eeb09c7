import type { BookingRules } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import type { Resource, Service } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { BOOKING_RULE_FIELDS } from '../settings/bookingRuleFields';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

type Fields = {
  fi: string;
  sv: string;
  en: string;
  durationMinutes: number;
  price: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  bookableOnline: boolean;
  needsRoom: boolean;
  active: boolean;
  practitionerIds: string[];
  /** This service's own booking rules, as typed; an empty one follows the clinic's rule. */
  rules: Partial<Record<keyof BookingRules, string>>;
};

const fieldsOf = (service: Service | null): Fields => ({
  fi: service?.name.fi ?? '',
  sv: service?.name.sv ?? '',
  en: service?.name.en ?? '',
  durationMinutes: service?.durationMinutes ?? 45,
  price: service ? (service.priceCents / 100).toFixed(2) : '0.00',
  bufferBeforeMinutes: service?.bufferBeforeMinutes ?? 0,
  bufferAfterMinutes: service?.bufferAfterMinutes ?? 0,
  bookableOnline: service?.bookableOnline ?? true,
  needsRoom: service?.needsRoom ?? false,
  active: service?.active ?? true,
  practitionerIds: service?.practitionerIds ?? [],
  rules: Object.fromEntries(Object.entries(service?.rules ?? {}).map(([key, value]) => [key, String(value)])),
});

/** The overrides to store: only the rules given a value. */
function rulesOf(typed: Fields['rules']): Partial<BookingRules> {
  return Object.fromEntries(
    Object.entries(typed)
      .filter(([, value]) => value !== undefined && value.trim() !== '')
      .map(([key, value]) => [key, Number(value)]),
  );
}

/** Create a service or edit one: names in three languages, length, price, buffers, who gives it. */
export function ServiceForm({
  service,
  practitioners,
  onSaved,
  onClose,
}: {
  service: Service | null;
  practitioners: readonly Resource[];
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { settings } = useClinic();
  const id = useId();
  const [fields, setFields] = useState(() => fieldsOf(service));
  const action = useAction();
  const set = (change: Partial<Fields>) => setFields((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = Object.fromEntries(
      (['fi', 'sv', 'en'] as const).filter((locale) => fields[locale].trim()).map((locale) => [locale, fields[locale].trim()]),
    );
    const values = {
      name,
      durationMinutes: fields.durationMinutes,
      priceCents: Math.round(Number(fields.price.replace(',', '.')) * 100),
      bufferBeforeMinutes: fields.bufferBeforeMinutes,
      bufferAfterMinutes: fields.bufferAfterMinutes,
      bookableOnline: fields.bookableOnline,
      needsRoom: fields.needsRoom,
      practitionerIds: fields.practitionerIds,
      rules: rulesOf(fields.rules),
    };
    const result = await action.run(() =>
      service
        ? api.staff.catalogue.services.update.mutate({ id: service.id, ...values, active: fields.active })
        : api.staff.catalogue.services.create.mutate(values),
    );
    if (result.ok) onSaved();
  }

  const number = (key: 'durationMinutes' | 'bufferBeforeMinutes' | 'bufferAfterMinutes', label: string, min: number, max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={min}
        max={max}
        required
        value={fields[key]}
        onChange={(event) => set({ [key]: Number(event.target.value) })}
      />
    </div>
  );

  return (
    <Dialog title={service ? t('common.edit') : t('services.new')} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <div className="form-grid">
          {(['fi', 'sv', 'en'] as const).map((locale) => (
            <div className="field" key={locale}>
              <label htmlFor={`${id}-${locale}`}>
                {t(locale === 'fi' ? 'services.nameFi' : locale === 'sv' ? 'services.nameSv' : 'services.nameEn')}
              </label>
              <input
                id={`${id}-${locale}`}
                lang={locale}
                maxLength={120}
                value={fields[locale]}
                onChange={(event) => set({ [locale]: event.target.value })}
              />
            </div>
          ))}
          {number('durationMinutes', t('services.duration'), 5, 720)}
          <div className="field">
            <label htmlFor={`${id}-price`}>{t('services.price')}</label>
            <input
              id={`${id}-price`}
              inputMode="decimal"
              required
              pattern="\d+([.,]\d{1,2})?"
              value={fields.price}
              onChange={(event) => set({ price: event.target.value })}
            />
          </div>
          {number('bufferBeforeMinutes', t('services.bufferBefore'), 0, 240)}
          {number('bufferAfterMinutes', t('services.bufferAfter'), 0, 240)}
        </div>
        <label className="check">
          <input type="checkbox" checked={fields.bookableOnline} onChange={(event) => set({ bookableOnline: event.target.checked })} />
          {t('services.bookableOnline')}
        </label>
        <label className="check">
          <input type="checkbox" checked={fields.needsRoom} onChange={(event) => set({ needsRoom: event.target.checked })} />
          {t('services.needsRoom')}
        </label>
        {service && (
          <label className="check">
            <input type="checkbox" checked={fields.active} onChange={(event) => set({ active: event.target.checked })} />
            {t('common.active')}
          </label>
        )}
        <fieldset className="resource-chooser">
          <legend>{t('services.practitioners')}</legend>
          {practitioners.map((practitioner) => (
            <label key={practitioner.id} className="check">
              <input
                type="checkbox"
                checked={fields.practitionerIds.includes(practitioner.id)}
                onChange={(event) =>
                  set({
                    practitionerIds: event.target.checked
                      ? [...fields.practitionerIds, practitioner.id]
                      : fields.practitionerIds.filter((candidate) => candidate !== practitioner.id),
                  })
                }
              />
              {practitioner.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('services.rules')}</legend>
          <p className="hint" id={`${id}-rules-hint`}>
            {t('services.rulesHint')}
          </p>
          {BOOKING_RULE_FIELDS.map((rule) => (
            <div className="field" key={rule.key}>
              <label htmlFor={`${id}-rule-${rule.key}`}>{t(rule.label)}</label>
              <input
                id={`${id}-rule-${rule.key}`}
                type="number"
                min={rule.min}
                max={rule.max}
                aria-describedby={`${id}-rules-hint`}
                placeholder={t('services.clinicRule', { value: String(settings.preferences.bookingRules[rule.key]) })}
                value={fields.rules[rule.key] ?? ''}
                onChange={(event) => set({ rules: { ...fields.rules, [rule.key]: event.target.value } })}
              />
            </div>
          ))}
        </fieldset>
        {action.error !== null && <ErrorMessage error={action.error} />}
        <div className="button-row">
          <button type="submit" disabled={action.busy} aria-busy={action.busy}>
            {t('common.save')}
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
