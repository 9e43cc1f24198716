import {
  type Action,
  can as roleCan,
  ChangePassword,
  type ChangePasswordBody,
  type Feature,
  GetMe,
  Login,
  type LoginBody,
  Logout,
  type Me,
  SwitchTenant,
} from '@gatehouse/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import { isApiError } from '@/api/api-error';
import { call, CSRF_COOKIE } from '@/api/client';
import { readCookie } from '@/api/cookies';
import { decide } from '@/router/guard';

import { dehydrate as dehydrateAll, hydrate as hydrateAll } from './hydrate';

/** Who is signed in, in which tenant, and what they may open. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  /** Whether `/auth/me` has been asked since the page loaded (the answer may be "nobody"). */
  const checked = ref(false);

  const signedIn = computed(() => me.value !== null);
  const mustChangePassword = computed(() => me.value?.user.must_change_password === true);

  async function hydrate(): Promise<void> {
    // The API sets the readable CSRF cookie with every session: without it nobody is signed in,
    // and asking would only put a 401 in the console.
    if (!readCookie(CSRF_COOKIE)) {
      me.value = null;
      checked.value = true;
      return;
    }
    try {
      me.value = (await call(GetMe)).data;
    } catch (error) {
      me.value = null;
      // 401 simply means signed out; anything else (server down) is worth surfacing to the caller.
      if (!isApiError(error) || error.status !== 401) throw error;
    } finally {
      checked.value = true;
    }
  }

  function dehydrate(): void {
    me.value = null;
  }

  async function login(body: LoginBody): Promise<Me> {
    const { data } = await call(Login, { body });
    dehydrateAll();
    me.value = data;
    checked.value = true;
    void hydrateAll();
    return data;
  }

  async function logout(): Promise<void> {
    try {
      await call(Logout);
    } finally {
      dehydrateAll();
    }
  }

  async function switchTenant(tenantId: string): Promise<void> {
    const { data } = await call(SwitchTenant, { body: { tenant_id: tenantId } });
    // Nothing of the previous tenant may linger in another tenant's screens.
    dehydrateAll();
    me.value = data;
    void hydrateAll();
  }

  async function changePassword(body: ChangePasswordBody): Promise<void> {
    await call(ChangePassword, { body });
    const wasPending = mustChangePassword.value;
    if (me.value) me.value = { ...me.value, user: { ...me.value.user, must_change_password: false } };
    // The API refused every other call until now, so the domain stores are still empty.
    if (wasPending) void hydrateAll();
  }

  /** The role allows the action (the plan may still lack its feature). */
  const can = (action: Action): boolean => !!me.value?.role && roleCan(me.value.role, action);
  /** The tenant's plan includes the feature. */
  const entitled = (feature: Feature): boolean => me.value?.entitlements.includes(feature) ?? false;
  /** Both the role and the plan allow the action: what a data load needs. */
  const allowed = (action: Action): boolean => decide({ action }, me.value) === 'ok';

  return {
    me,
    checked,
    signedIn,
    mustChangePassword,
    hydrate,
    dehydrate,
    login,
    logout,
    switchTenant,
    changePassword,
    can,
    entitled,
    allowed,
  };
});
