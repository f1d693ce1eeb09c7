import {
  createResourceInput,
  createServiceInput,
  idInput,
  noInput,
  removeExceptionInput,
  setExceptionInput,
  updateResourceInput,
  updateServiceInput,
} from '@hetki/shared';
import {
  createResource,
  listResourceExceptions,
  listResources,
  removeResourceException,
  setResourceException,
  updateResource,
} from '../../services/catalogue/resources.js';
import { createService, listServices, updateService } from '../../services/catalogue/services.js';
import { ALL_STAFF, MANAGERS, router, staffProcedure } from '../procedures.js';

export const staffCatalogueRouter = router({
  services: router({
    list: staffProcedure(ALL_STAFF)
      .input(noInput)
      .query(({ ctx }) => listServices(ctx.tx, ctx.tenantId)),
    create: staffProcedure(MANAGERS)
      .input(createServiceInput)
      .mutation(({ ctx, input }) => createService(ctx.tx, ctx.tenantId, ctx.member, input)),
    update: staffProcedure(MANAGERS)
      .input(updateServiceInput)
      .mutation(({ ctx, input }) => updateService(ctx.tx, ctx.tenantId, ctx.member, input)),
  }),
  resources: router({
    list: staffProcedure(ALL_STAFF)
      .input(noInput)
      .query(({ ctx }) => listResources(ctx.tx, ctx.tenantId)),
    create: staffProcedure(MANAGERS)
      .input(createResourceInput)
      .mutation(({ ctx, input }) => createResource(ctx.tx, ctx.tenantId, ctx.member, input)),
    update: staffProcedure(MANAGERS)
      .input(updateResourceInput)
      .mutation(({ ctx, input }) => updateResource(ctx.tx, ctx.tenantId, ctx.member, input)),
    exceptions: staffProcedure(ALL_STAFF)
      .input(idInput)
      .query(({ ctx, input }) => listResourceExceptions(ctx.tx, ctx.tenantId, input.id)),
    setException: staffProcedure(MANAGERS)
      .input(setExceptionInput)
      .mutation(async ({ ctx, input }) => {
        await setResourceException(ctx.tx, ctx.tenantId, ctx.member, input);
        return { ok: true as const };
      }),
    removeException: staffProcedure(MANAGERS)
      .input(removeExceptionInput)
      .mutation(async ({ ctx, input }) => {
        await removeResourceException(ctx.tx, ctx.tenantId, ctx.member, input);
        return { ok: true as const };
      }),
  }),
});
