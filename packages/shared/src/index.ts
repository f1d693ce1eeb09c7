export * from './domain/businessId.js';
export * from './domain/slug.js';
export * from './errors.js';
export * from './schemas/auth.js';
export * from './schemas/common.js';
export * from './schemas/staff.js';
export * from './schemas/tenant.js';
