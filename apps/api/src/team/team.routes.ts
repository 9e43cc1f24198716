import { ChangeMemberRole, InviteMember, ListMembers, RemoveMember } from '@gatehouse/shared';
import Router from '@koa/router';
import type { Context } from 'koa';

import { tenantOf } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../deps.js';
import { auditContextOf } from '../http/context.js';
import { pageOf } from '../http/pagination.js';
import { mount } from '../http/route.js';
import * as team from './team.service.js';

const who = (ctx: Context, principal: Principal) => ({ ...auditContextOf(ctx), principal });

export function teamRoutes(deps: Deps): Router {
  const router = new Router();

  mount(router, ListMembers, { action: 'team.view' }, async ({ principal, query }) => {
    const { items, total } = await team.listMembers(deps, tenantOf(principal), query.page, query.per_page);
    return pageOf(items, total, query.page, query.per_page, ListMembers.path, query);
  });

  mount(router, InviteMember, { action: 'team.manage' }, async ({ principal, body, ctx }) => ({
    message: 'Member added',
    data: await team.inviteMember(deps, tenantOf(principal), body, who(ctx, principal)),
  }));

  mount(router, ChangeMemberRole, { action: 'team.manage' }, async ({ principal, params, body, ctx }) => ({
    message: 'Role changed',
    data: await team.changeRole(deps, tenantOf(principal), params.id, body.role, who(ctx, principal)),
  }));

  mount(router, RemoveMember, { action: 'team.manage' }, async ({ principal, params, ctx }) => {
    await team.removeMember(deps, tenantOf(principal), params.id, who(ctx, principal));
    return { message: 'Member removed', data: null };
  });

  return router;
}
