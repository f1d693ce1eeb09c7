import { useEffect } from 'react';
import { api } from '../../api';
import { useI18n } from '../i18n/I18n';
import { useLoad } from '../useLoad';

const POLL_MS = 3_000;

/** Sent, failed, waiting and skipped (with reasons) for one campaign; refreshed while it is under way. */
export function CampaignProgressBar({
  campaignId,
  status,
  onStatusChange,
}: {
  campaignId: string;
  /** The status the list shows; when the progress reports another one, the list is stale. */
  status: string;
  onStatusChange: () => void;
}) {
  const running = status === 'scheduled' || status === 'sending';
  const { t } = useI18n();
  const progress = useLoad(() => api.staff.marketing.campaigns.progress.query({ id: campaignId }), [campaignId]);
  const { reload } = progress;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  const reportedStatus = progress.data?.status;
  useEffect(() => {
    if (reportedStatus && reportedStatus !== status) onStatusChange();
  }, [reportedStatus, status, onStatusChange]);

  const data = progress.data;
  if (!data) return null;
  const skipped = Object.values(data.skipped).reduce((sum, count) => sum + count, 0);
  const done = data.sent + data.failed + skipped;
  const total = data.recipients ?? done + data.pending;
  return (
    <div className="campaign-progress">
      <progress className="progress" max={Math.max(total, 1)} value={done} aria-label={t('marketing.progress')}>
        {done}/{total}
      </progress>
      <p className="hint">
        {t('marketing.sent', { count: data.sent })} · {t('marketing.failed', { count: data.failed })} ·{' '}
        {t('marketing.pending', { count: data.pending })} · {t('marketing.skipped', { count: skipped })}
        {skipped > 0 &&
          ` (${Object.entries(data.skipped)
            .map(
              ([reason, count]) =>
                `${t(`skip.${reason}` as 'skip.other') === `skip.${reason}` ? reason : t(`skip.${reason}` as 'skip.other')}: ${count}`,
            )
            .join(', ')})`}
      </p>
    </div>
  );
}
