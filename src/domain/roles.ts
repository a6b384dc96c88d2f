import { z } from 'zod';

/** API key roles, from most to least powerful. */
export const RoleSchema = z.enum(['admin', 'dpo', 'responder', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that may open incidents and record facts. */
export const WRITERS: readonly Role[] = ['admin', 'dpo', 'responder'];
/** Every role: reading is open to all authenticated keys. */
export const READERS: readonly Role[] = RoleSchema.options;
