import type { Locale } from '@hetki/shared';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { ErrorMessage, LoadState, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';

type Channel = 'email' | 'sms';
const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 50;

type ListedContact = Awaited<ReturnType<typeof api.staff.marketing.contacts.list.query>>[number];

/**
 * The first `pages` pages of the register, each asked for with one row more than it shows, so the
 * last one tells whether there are more. Reloaded together, so a consent recorded on any page shows.
 */
async function loadContacts(search: string, pages: number): Promise<{ contacts: ListedContact[]; more: boolean }> {
  const loaded = await Promise.all(
    Array.from({ length: pages }, (_, page) =>
      api.staff.marketing.contacts.list.query({ ...(search ? { search } : {}), limit: PAGE_SIZE + 1, offset: page * PAGE_SIZE }),
    ),
  );
  return { contacts: loaded.flatMap((rows) => rows.slice(0, PAGE_SIZE)), more: (loaded.at(-1)?.length ?? 0) > PAGE_SIZE };
}

/** The marketing register (kept apart from the client register): search, add, and record what people said. */
export function ContactsSection() {
  const { t } = useI18n();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [pages, setPages] = useState(1);
  const action = useAction();

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setPages(1);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const contacts = useLoad(() => loadContacts(search, pages), [search, pages]);
  const listed = contacts.data?.contacts ?? [];

  const record = async (contactId: string, channel: Channel, granted: boolean) => {
    const result = await action.run(() => api.staff.marketing.contacts.recordConsent.mutate({ contactId, channel, granted }));
    if (result.ok) contacts.reload();
  };

  return (
    <section className="card" aria-labelledby="contacts-heading">
      <h3 id="contacts-heading">{t('marketing.contacts')}</h3>
      <search className="search-box">
        <label htmlFor={searchId}>{t('marketing.searchContacts')}</label>
        <input id={searchId} type="search" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
      </search>
      <LoadState status={contacts.status} error={contacts.status === 'failed' ? contacts.error : null} reload={contacts.reload} />
      {action.error !== null && <ErrorMessage error={action.error} />}
      {contacts.status === 'ready' && listed.length === 0 && <p>{t('marketing.noContacts')}</p>}
      {listed.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col">{t('common.email')}</th>
                <th scope="col">{t('common.phone')}</th>
                <th scope="col">{t('marketing.consentEmail')}</th>
                <th scope="col">{t('marketing.consentSms')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((contact) => (
                <tr key={contact.id}>
                  <th scope="row">{contact.name}</th>
                  <td>{contact.email ?? '—'}</td>
                  <td>{contact.phone ?? '—'}</td>
                  {(['email', 'sms'] as const).map((channel) => {
                    const granted = contact.consent[channel];
                    const possible = channel === 'email' ? contact.email !== null : contact.phone !== null;
                    const channelName = t(`marketing.channel.${channel}`);
                    return (
                      <td key={channel}>
                        <span className={granted ? 'badge badge-on' : 'badge'}>{t(granted ? 'clients.granted' : 'clients.noRecord')}</span>{' '}
                        {possible && (
                          <button
                            type="button"
                            className="button-secondary small"
                            disabled={action.busy}
                            onClick={() => record(contact.id, channel, !granted)}
                          >
                            {t(granted ? 'marketing.recordWithdrawal' : 'marketing.recordGrant', { channel: channelName })}
                            <span className="visually-hidden"> {contact.name}</span>
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {contacts.data?.more && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => setPages((count) => count + 1)}
          disabled={contacts.status === 'loading'}
          aria-busy={contacts.status === 'loading'}
        >
          {t('common.showMore')}
        </button>
      )}
      <NewContactForm onAdded={contacts.reload} />
    </section>
  );
}

function NewContactForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const { settings } = useClinic();
  const ids = { name: useId(), email: useId(), phone: useId(), locale: useId(), hint: useId() };
  const blank = { name: '', email: '', phone: '', locale: settings.defaultLocale };
  const [fields, setFields] = useState(blank);
  const [added, setAdded] = useState(false);
  const action = useAction();
  const set = (change: Partial<typeof fields>) => {
    setAdded(false);
    setFields((current) => ({ ...current, ...change }));
  };
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await action.run(() =>
      api.staff.marketing.contacts.create.mutate({
        name: fields.name,
        email: fields.email.trim() || null,
        phone: fields.phone.trim() || null,
        locale: fields.locale,
      }),
    );
    if (result.ok) {
      setFields(blank);
      setAdded(true);
      onAdded();
    }
  }
  return (
    <form className="form subtle-box" onSubmit={submit} aria-labelledby={ids.hint}>
      <h4 id={ids.hint}>{t('marketing.newContact')}</h4>
      <p className="hint">{t('marketing.contactHint')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.name}>{t('common.name')}</label>
          <input id={ids.name} required maxLength={200} value={fields.name} onChange={(event) => set({ name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('common.email')}</label>
          <input id={ids.email} type="email" value={fields.email} onChange={(event) => set({ email: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.phone}>{t('common.phone')}</label>
          <input id={ids.phone} type="tel" value={fields.phone} onChange={(event) => set({ phone: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.locale}>{t('marketing.contactLanguage')}</label>
          <select id={ids.locale} value={fields.locale} onChange={(event) => set({ locale: event.target.value as Locale })}>
            {settings.preferences.enabledLocales.map((locale) => (
              <option key={locale} value={locale}>
                {t(`language.${locale}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {action.error !== null && <ErrorMessage error={action.error} />}
      {added && <Notice>{t('marketing.contactAdded')}</Notice>}
      <button type="submit" disabled={action.busy} aria-busy={action.busy}>
        {t('common.create')}
      </button>
    </form>
  );
}
