import { useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { dayNumberOfIsoDate, formatDateTime, instantAt, minuteOfLabel } from '../time';
import { ErrorMessage, LoadState, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';

type Campaign = Awaited<ReturnType<typeof api.staff.marketing.campaigns.list.query>>[number];

/** Campaigns: drafts to preview and schedule, running ones with their progress, finished ones with their results. */
export function CampaignsSection() {
  const { t } = useI18n();
  const data = useLoad(() => Promise.all([api.staff.marketing.campaigns.list.query(), api.staff.catalogue.services.list.query()]), []);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [campaigns, services] = data.data ?? [[], []];

  return (
    <section className="card" aria-labelledby="campaigns-heading">
      <div className="page-heading-row">
        <h3 id="campaigns-heading">{t('marketing.campaigns')}</h3>
        <button type="button" onClick={() => setCreating(true)}>
          {t('marketing.newCampaign')}
        </button>
      </div>
      {notice && <Notice>{notice}</Notice>}
      <LoadState status={data.status} error={data.status === 'failed' ? data.error : null} reload={data.reload} />
      {data.status === 'ready' && campaigns.length === 0 && <p>{t('marketing.noCampaigns')}</p>}
      <ul className="plain-list campaign-list">
        {campaigns.map((campaign) => (
          <CampaignItem
            key={campaign.id}
            campaign={campaign}
            onChanged={(message) => {
              setNotice(message);
              data.reload();
            }}
            onStatusChange={data.reload}
          />
        ))}
      </ul>
      {creating && (
        <CampaignForm
          services={services.filter((service) => service.active)}
          onCreated={() => {
            setCreating(false);
            setNotice(t('marketing.campaignCreated'));
            data.reload();
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </section>
  );
}

function CampaignItem({
  campaign,
  onChanged,
  onStatusChange,
}: {
  campaign: Campaign;
  onChanged: (message: string) => void;
  onStatusChange: () => void;
}) {
  const { t, locale } = useI18n();
  const { timeZone } = useClinic();
  const ids = { date: useId(), time: useId() };
  const [recipients, setRecipients] = useState<number | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const action = useAction();
  const running = campaign.status === 'scheduled' || campaign.status === 'sending';

  const preview = async () => {
    const result = await action.run(() => api.staff.marketing.campaigns.preview.query({ id: campaign.id }));
    if (result.ok) setRecipients(result.value.recipients);
  };
  const schedule = async (now: boolean) => {
    const day = dayNumberOfIsoDate(date);
    const minute = minuteOfLabel(time);
    if (!now && (day === null || minute === null)) return;
    const sendAt = now || day === null || minute === null ? null : instantAt(day, minute, timeZone).toISOString();
    const result = await action.run(() => api.staff.marketing.campaigns.schedule.mutate({ id: campaign.id, sendAt }));
    if (result.ok) onChanged(t('marketing.scheduled'));
  };
  const cancel = async () => {
    const result = await action.run(() => api.staff.marketing.campaigns.cancel.mutate({ id: campaign.id }));
    if (result.ok) onChanged(t('marketing.status.cancelled'));
  };

  return (
    <li className="campaign" aria-label={campaign.name}>
      <div className="page-heading-row">
        <p className="campaign-title">
          <strong>{campaign.name}</strong> · {t(`marketing.channel.${campaign.channel}`)} ·{' '}
          <span className={`badge status-${campaign.status}`}>{t(`marketing.status.${campaign.status}`)}</span>
          {campaign.scheduledAt && <span className="muted"> · {formatDateTime(campaign.scheduledAt, timeZone, locale)}</span>}
        </p>
        {running && (
          <button type="button" className="button-danger small" disabled={action.busy} onClick={cancel}>
            {t('marketing.cancelCampaign')}
          </button>
        )}
      </div>
      {campaign.status !== 'draft' && (
        <CampaignProgressBar campaignId={campaign.id} status={campaign.status} onStatusChange={onStatusChange} />
      )}
      {campaign.status === 'draft' && (
        <div className="campaign-draft">
          <div className="button-row">
            <button type="button" className="button-secondary small" disabled={action.busy} onClick={preview}>
              {t('marketing.preview')}
            </button>
            {recipients !== null && <span role="status">{t('marketing.recipients', { count: recipients })}</span>}
          </div>
          <div className="inline-create">
            <label htmlFor={ids.date}>{t('marketing.sendAt')}</label>
            <input id={ids.date} type="date" value={date} onChange={(event) => setDate(event.target.value)} />
            <input id={ids.time} type="time" aria-label={t('common.time')} value={time} onChange={(event) => setTime(event.target.value)} />
            <button type="button" className="button-secondary small" disabled={action.busy || !date} onClick={() => schedule(false)}>
              {t('marketing.schedule')}
            </button>
            <button type="button" className="small" disabled={action.busy} onClick={() => schedule(true)}>
              {t('marketing.sendNow')}
            </button>
          </div>
        </div>
      )}
      {action.error !== null && <ErrorMessage error={action.error} />}
    </li>
  );
}
