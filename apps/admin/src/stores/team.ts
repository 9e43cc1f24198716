import {
  ChangeMemberRole,
  InviteMember,
  type InviteMemberBody,
  type InvitedMember,
  ListMembers,
  type Member,
  RemoveMember,
  type Role,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';

import { call } from '@/api/client';

import { usePagedList } from './paged-list';

/** The tenant's members and the operations owners and admins may run on them. */
export const useTeamStore = defineStore('team', () => {
  const list = usePagedList((page, perPage) => call(ListMembers, { query: { page, per_page: perPage } }));
  const { items: members, meta, page, perPage, loading, loaded, load } = list;

  function dehydrate(): void {
    list.reset();
  }

  async function invite(body: InviteMemberBody): Promise<InvitedMember> {
    const { data } = await call(InviteMember, { body });
    await load();
    return data;
  }

  async function changeRole(id: string, role: Role): Promise<Member> {
    const { data } = await call(ChangeMemberRole, { params: { id }, body: { role } });
    members.value = members.value.map((member) => (member.id === id ? data : member));
    return data;
  }

  async function remove(id: string): Promise<void> {
    await call(RemoveMember, { params: { id } });
    await load();
  }

  return { members, meta, page, perPage, loading, loaded, load, dehydrate, invite, changeRole, remove };
});
