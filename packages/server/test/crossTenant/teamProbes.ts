import { addMember, uniqueEmail } from '../harness.js';
import type { ProbeModule } from './probe.js';

export const teamProbes: ProbeModule = {
  seed: async (ownerOfB, baseUrl) => {
    const member = await addMember(ownerOfB, 'practitioner', baseUrl);
    const invited = await ownerOfB.mutate<{ invitation: { id: string } }>('staff.team.invite', {
      email: uniqueEmail('pending'),
      role: 'reception',
    });
    return { memberId: member.me.user.id, memberEmail: member.email, invitationId: invited.invitation.id };
  },
  probes: {
    'staff.team.list': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    'staff.team.invite': { input: (b) => ({ email: b.memberEmail, role: 'admin' }), expect: 'OWN_TENANT_ONLY' },
    'staff.team.revokeInvite': { input: (b) => ({ invitationId: b.invitationId }), expect: 'NOT_FOUND' },
    'staff.team.changeRole': { input: (b) => ({ userId: b.memberId, role: 'owner' }), expect: 'NOT_FOUND' },
    'staff.team.remove': { input: (b) => ({ userId: b.ownerId }), expect: 'NOT_FOUND' },
    'staff.settings.get': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    'staff.settings.update': { input: () => ({ name: 'Renamed by A', contactEmail: 'a@example.test' }), expect: 'OWN_TENANT_ONLY' },
  },
};
