import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { localName } from '../calendar/serviceNames';
import type { Service } from '../calendar/types';
import { useI18n } from '../i18n/I18n';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/Feedback';
import { useAction } from '../ui/useAction';

/** A new campaign, saved as a draft: channel, subject (email), message, and who receives it. */
export function CampaignForm({
  services,
  onCreated,
  onClose,
}: {
  services: readonly Service[];
  onCreated: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const ids = { name: useId(), channel: useId(), subject: useId(), body: useId(), audience: useId(), service: useId(), hint: useId() };
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'all' | 'service'>('all');
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.marketing.campaigns.create.mutate({
        name,
        channel,
        subject: channel === 'email' ? subject : null,
        body,
        audience: audience === 'all' ? { kind: 'all' } : { kind: 'service', serviceIds: [serviceId] },
      }),
    );
    if (result.ok) onCreated();
  }

  return (
    <Dialog title={t('marketing.newCampaign')} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label htmlFor={ids.name}>{t('common.name')}</label>
        <input id={ids.name} required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor={ids.channel}>{t('marketing.channel')}</label>
        <select id={ids.channel} value={channel} onChange={(event) => setChannel(event.target.value as 'email' | 'sms')}>
          <option value="email">{t('marketing.channel.email')}</option>
          <option value="sms">{t('marketing.channel.sms')}</option>
        </select>
        {channel === 'email' && (
          <>
            <label htmlFor={ids.subject}>{t('marketing.subject')}</label>
            <input id={ids.subject} required maxLength={200} value={subject} onChange={(event) => setSubject(event.target.value)} />
          </>
        )}
        <label htmlFor={ids.body}>{t('marketing.body')}</label>
        <textarea
          id={ids.body}
          required
          rows={6}
          maxLength={10_000}
          aria-describedby={ids.hint}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
        <p id={ids.hint} className="hint">
          {t('marketing.mergeHint')}
        </p>
        <label htmlFor={ids.audience}>{t('marketing.audience')}</label>
        <select id={ids.audience} value={audience} onChange={(event) => setAudience(event.target.value as 'all' | 'service')}>
          <option value="all">{t('marketing.audienceAll')}</option>
          {services.length > 0 && <option value="service">{t('marketing.audienceService')}</option>}
        </select>
        {audience === 'service' && (
          <>
            <label htmlFor={ids.service}>{t('marketing.serviceChoice')}</label>
            <select id={ids.service} value={serviceId} onChange={(event) => setServiceId(event.target.value)}>
              {services.map((service) => (
                <option key={service.id} value={service.id}>
                  {localName(service.name, locale)}
                </option>
              ))}
            </select>
          </>
        )}
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
