export * from './auditLog.js';
export * from './invitations.js';
export * from './memberships.js';
export * from './requestLog.js';
export * from './sessions.js';
export * from './staffUsers.js';
export * from './tenants.js';
