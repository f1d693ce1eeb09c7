import { router } from './procedures.js';
import { authRouter } from './routers/auth.js';
import { platformRouter } from './routers/platform.js';
import { portalRouter } from './routers/portal.js';
import { publicRouter } from './routers/public.js';
import { staffRouter } from './routers/staff.js';

export const appRouter = router({
  platform: platformRouter,
  auth: authRouter,
  staff: staffRouter,
  public: publicRouter,
  portal: portalRouter,
});

export type AppRouter = typeof appRouter;
