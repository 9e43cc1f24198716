import { z } from 'zod';

import { Role } from './permissions.js';

export const Member = z
  .object({
    id: z.uuid(),
    user_id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    created_at: z.iso.datetime(),
    last_login_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const InviteMemberBody = z
  .object({
    email: z.email('Must be a valid email address').max(254),
    name: z.string().trim().min(1, 'Name is required').max(120),
    role: Role,
  })
  .strict();
export type InviteMemberBody = z.infer<typeof InviteMemberBody>;

export const InvitedMember = z.object({
  member: Member,
  /** Present when a new account was created: shown once, must be changed at first login. */
  one_time_password: z.string().nullable(),
});
export type InvitedMember = z.infer<typeof InvitedMember>;

export const ChangeRoleBody = z.object({ role: Role }).strict();
export type ChangeRoleBody = z.infer<typeof ChangeRoleBody>;
