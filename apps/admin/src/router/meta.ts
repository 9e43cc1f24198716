import type { Action, Feature } from '@gatehouse/shared';

/** What a route needs; read by the one global guard and by nothing else. */
export interface AccessMeta {
  /** Reachable signed out (the login page). */
  public?: boolean;
  /** The role permission the page needs (PERMISSIONS in @gatehouse/shared). */
  action?: Action;
  /** The plan feature the page needs; defaults to the feature of `action`. */
  feature?: Feature;
  /** Reachable while a one-time password still has to be changed. */
  allowPendingPassword?: boolean;
}

declare module 'vue-router' {
  interface RouteMeta extends AccessMeta {
    /** Shown in the browser tab. */
    title?: string;
  }
}
