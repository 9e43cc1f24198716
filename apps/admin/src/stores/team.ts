import {
  ChangeMemberRole,
  InviteMember,
  type InviteMemberBody,
  type InvitedMember,
  ListMembers,
  type Member,
  type PageMeta,
  RemoveMember,
  type Role,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { ref } from 'vue';

import { call } from '@/api/client';

import { useAuthStore } from './auth';
import { latestOnly } from './latest';

const DEFAULT_PER_PAGE = 25;

/** The tenant's members and the operations owners and admins may run on them. */
export const useTeamStore = defineStore('team', () => {
  const members = ref<Member[]>([]);
  const meta = ref<PageMeta | null>(null);
  const page = ref(1);
  const perPage = ref(DEFAULT_PER_PAGE);
  const loading = ref(false);
  const loaded = ref(false);
  const requests = latestOnly();

  async function load(): Promise<void> {
    const isLatest = requests.begin();
    loading.value = true;
    try {
      const result = await call(ListMembers, { query: { page: page.value, per_page: perPage.value } });
      if (!isLatest()) return;
      members.value = result.data;
      meta.value = result.meta;
      loaded.value = true;
    } finally {
      if (isLatest()) loading.value = false;
    }
  }

  async function hydrate(): Promise<void> {
    if (useAuthStore().allowed('team.view')) await load();
  }

  function dehydrate(): void {
    requests.cancel();
    members.value = [];
    meta.value = null;
    page.value = 1;
    perPage.value = DEFAULT_PER_PAGE;
    loading.value = false;
    loaded.value = false;
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

  return { members, meta, page, perPage, loading, loaded, load, hydrate, dehydrate, invite, changeRole, remove };
});
