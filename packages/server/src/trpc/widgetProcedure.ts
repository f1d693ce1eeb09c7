import { assertEmbedAllowed, EMBEDDER_HEADER, ownOrigins } from '../services/widget/embedOrigin.js';
import { publicProcedure } from './procedures.js';

function slugOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('slug' in raw)) return null;
  const { slug } = raw as { slug: unknown };
  return typeof slug === 'string' ? slug.trim().toLowerCase() : null;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * A public call for one clinic's widget. A browser call from a site other than Hetki's own (its
 * `Origin`), or from a widget embedded in such a site (the embedder header), must come from a site
 * on the clinic's list: anything else is a FORBIDDEN with reason ORIGIN_NOT_ALLOWED.
 */
export const widgetProcedure = publicProcedure.use(async ({ ctx, getRawInput, next }) => {
  const slug = slugOf(await getRawInput());
  // Without a slug the input schema refuses the call anyway.
  if (slug) {
    const { headers } = ctx.req;
    await assertEmbedAllowed(
      ctx.deps,
      slug,
      [single(headers.origin), single(headers[EMBEDDER_HEADER])],
      ownOrigins(ctx.deps, headers.host),
    );
  }
  return next();
});
