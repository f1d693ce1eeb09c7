import type { ProbeModule } from './probe.js';

/** B's widget settings name a site of B's own: A must neither see nor change them. */
export const widgetProbes: ProbeModule = {
  seed: async (ownerOfB) => {
    const origin = 'https://b-private-clinic-site.example';
    await ownerOfB.mutate('staff.widget.update', { allowedOrigins: [origin], privacyNoticeUrl: `${origin}/privacy` });
    return { widgetOrigin: origin };
  },
  probes: {
    'staff.widget.get': { input: () => undefined, expect: 'OWN_TENANT_ONLY' },
    'staff.widget.update': { input: () => ({ allowedOrigins: ['https://a-site.example'] }), expect: 'OWN_TENANT_ONLY' },
  },
};
