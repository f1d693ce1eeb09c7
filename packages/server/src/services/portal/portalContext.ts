import type { Tx } from '../../db/connections.js';
import type { PublicTenant } from '../booking/publicTenant.js';
import type { ClientSession } from './clientSessions.js';

/** What a signed-in portal procedure works with: one transaction that sees only the session's clinic. */
export type PortalContext = { tx: Tx; tenant: PublicTenant; session: ClientSession; ip: string | null };
