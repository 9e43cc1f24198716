import {
  CreateRoutingRule,
  type CreateRoutingRuleBody,
  DeleteRoutingRule,
  ListRoutingRules,
  type Resolution,
  ResolveRoute,
  type RoutingRule,
  UpdateRoutingRule,
  type UpdateRoutingRuleBody,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';

import { call } from '@/api/client';

import { usePagedList } from './paged-list';

/** Which integration handles each capability (seed 004 routing rules), highest priority first. */
export const useRoutingRulesStore = defineStore('routing-rules', () => {
  const list = usePagedList((page, perPage) => call(ListRoutingRules, { query: { page, per_page: perPage } }));
  const { items: rules, meta, page, perPage, loading, loaded, load } = list;

  function dehydrate(): void {
    list.reset();
  }

  async function create(body: CreateRoutingRuleBody): Promise<RoutingRule> {
    const { data } = await call(CreateRoutingRule, { body });
    await load();
    return data;
  }

  async function update(id: string, body: UpdateRoutingRuleBody): Promise<RoutingRule> {
    const { data } = await call(UpdateRoutingRule, { params: { id }, body });
    // A new priority or default may reorder the list, so it is asked again.
    await load();
    return data;
  }

  async function remove(id: string): Promise<void> {
    await call(DeleteRoutingRule, { params: { id } });
    await load();
  }

  /** Which integration the capability would use now; throws `no_active_provider` (409) when none. */
  async function resolve(capability: string): Promise<Resolution> {
    const { data } = await call(ResolveRoute, { query: { capability } });
    return data;
  }

  return { rules, meta, page, perPage, loading, loaded, load, dehydrate, create, update, remove, resolve };
});
