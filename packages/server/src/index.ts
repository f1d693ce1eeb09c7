export type { AppRouter } from './trpc/appRouter.js';
