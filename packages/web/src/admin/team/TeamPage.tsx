import { CLINICAL_ROLES, STAFF_ROLES, type StaffRole } from '@hetki/shared';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api';
import { useClinic } from '../ClinicContext';
import { useI18n } from '../i18n/I18n';
import { formatDateTime } from '../time';
import { ErrorMessage, LoadState, Notice } from '../ui/Feedback';
import { useAction } from '../ui/useAction';
import { useLoad } from '../useLoad';

/** Roles that read visit notes are granted and taken by an owner only (the server enforces it). */
function useAssignable(): (role: StaffRole) => boolean {
  const { role: myRole } = useClinic();
  return (role) => myRole === 'owner' || !CLINICAL_ROLES.includes(role);
}

/** The clinic's team: roles, invitations by link, removal. The server keeps at least one owner. */
export function TeamPage() {
  const { t, locale } = useI18n();
  const { me, role: myRole, timeZone } = useClinic();
  const assignable = useAssignable();
  // Removal takes a second click: it ends the member's access at once.
  const [confirmingRemoval, setConfirmingRemoval] = useState<string | null>(null);
  // Only an owner removes an owner (the server refuses anyone else).
  const removable = (member: { userId: string; role: StaffRole }) =>
    member.userId !== me.user.id && (myRole === 'owner' || member.role !== 'owner');
  const team = useLoad(() => api.staff.team.list.query(), []);
  const action = useAction();

  const changeRole = async (userId: string, role: StaffRole) => {
    const result = await action.run(() => api.staff.team.changeRole.mutate({ userId, role }));
    if (result.ok) team.reload();
  };
  const remove = async (userId: string) => {
    const result = await action.run(() => api.staff.team.remove.mutate({ userId }));
    setConfirmingRemoval(null);
    if (result.ok) team.reload();
  };
  const revoke = async (invitationId: string) => {
    const result = await action.run(() => api.staff.team.revokeInvite.mutate({ invitationId }));
    if (result.ok) team.reload();
  };

  return (
    <div className="page-stack">
      <h2 className="page-title">{t('team.heading')}</h2>
      <LoadState status={team.status} error={team.status === 'failed' ? team.error : null} reload={team.reload} />
      {action.error !== null && <ErrorMessage error={action.error} />}
      {team.data && (
        <section className="card" aria-labelledby="members-heading">
          <h3 id="members-heading">{t('team.members')}</h3>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('common.email')}</th>
                  <th scope="col">{t('team.role')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {team.data.members.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row">
                      {member.name} {member.userId === me.user.id && <span className="muted">{t('team.you')}</span>}
                    </th>
                    <td>{member.email}</td>
                    <td>
                      <select
                        aria-label={t('team.roleOf', { name: member.name })}
                        value={member.role}
                        disabled={action.busy || !assignable(member.role)}
                        onChange={(event) => changeRole(member.userId, event.target.value as StaffRole)}
                      >
                        {STAFF_ROLES.map((role) => (
                          <option key={role} value={role} disabled={!assignable(role)}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {removable(member) &&
                        (confirmingRemoval === member.userId ? (
                          <div className="button-row">
                            <span>{t('team.confirmRemove', { name: member.name })}</span>
                            <button
                              type="button"
                              className="button-danger small"
                              disabled={action.busy}
                              onClick={() => remove(member.userId)}
                            >
                              {t('team.removeMember')}
                              <span className="visually-hidden"> {member.name}</span>
                            </button>
                            <button type="button" className="button-secondary small" onClick={() => setConfirmingRemoval(null)}>
                              {t('common.cancel')}
                            </button>
                          </div>
                        ) : (
                          <button
                            type="button"
                            className="button-secondary small"
                            disabled={action.busy}
                            onClick={() => setConfirmingRemoval(member.userId)}
                          >
                            {t('team.removeMember')}
                            <span className="visually-hidden"> {member.name}</span>
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {team.data.invitations.length > 0 && (
            <>
              <h4>{t('team.pending')}</h4>
              <ul className="plain-list">
                {team.data.invitations.map((invitation) => (
                  <li key={invitation.id} className="exception-row">
                    <strong>{invitation.email}</strong> · {t(`role.${invitation.role}`)} · {t('team.expires')}{' '}
                    {formatDateTime(invitation.expiresAt, timeZone, locale)}
                    <button type="button" className="button-secondary small" disabled={action.busy} onClick={() => revoke(invitation.id)}>
                      {t('team.revoke')}
                      <span className="visually-hidden"> {invitation.email}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <InviteForm onInvited={team.reload} />
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useI18n();
  const ids = { email: useId(), role: useId() };
  const [email, setEmail] = useState('');
  const assignable = useAssignable();
  const [role, setRole] = useState<StaffRole>(assignable('practitioner') ? 'practitioner' : 'reception');
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const action = useAction();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    const result = await action.run(() => api.staff.team.invite.mutate({ email, role }));
    if (result.ok) {
      setSent({ email: result.value.invitation.email, link: result.value.acceptUrl });
      setEmail('');
      onInvited();
    }
  }
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('team.invite')}</h3>
      <form className="form" onSubmit={submit}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={ids.email}>{t('common.email')}</label>
            <input id={ids.email} type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.role}>{t('team.role')}</label>
            <select id={ids.role} value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
              {STAFF_ROLES.map((option) => (
                <option key={option} value={option} disabled={!assignable(option)}>
                  {t(`role.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {action.error !== null && <ErrorMessage error={action.error} />}
        {sent && <Notice>{t('team.invited', { email: sent.email, url: sent.link })}</Notice>}
        <button type="submit" disabled={action.busy} aria-busy={action.busy}>
          {t('team.inviteSubmit')}
        </button>
      </form>
    </section>
  );
}
