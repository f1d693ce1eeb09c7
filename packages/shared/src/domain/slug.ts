/** Paths and names a clinic slug may not take: they collide with routes or mislead clients. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'book',
  'booking',
  'embed',
  'healthz',
  'help',
  'hetki',
  'login',
  'logout',
  'platform',
  'portal',
  'public',
  'readyz',
  'signup',
  'static',
  'staff',
  'support',
  'trpc',
  'widget',
  'www',
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

export function slugProblem(slug: string): string | null {
  if (!SLUG_PATTERN.test(slug)) {
    return 'Use 3–40 lowercase letters, digits and hyphens, starting and ending with a letter or digit';
  }
  if (slug.includes('--')) return 'Do not use two hyphens in a row';
  if (RESERVED_SLUGS.has(slug)) return 'This address is reserved';
  return null;
}
