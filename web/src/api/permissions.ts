import roles from 'virtual:operation-roles';
import type { Role } from '@domain/roles';
import type { paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** "METHOD /path" of every operation in the OpenAPI document, e.g. "POST /v1/incidents/{id}/close". */
export type Operation = {
  [P in keyof paths]: { [M in Method]: NonNullable<paths[P][M]> extends never ? never : `${Uppercase<M>} ${P & string}` }[Method];
}[keyof paths];

/** Whether the role may call the operation, as its OpenAPI description states ("Roles: …"); the server enforces it anyway. */
export function roleMay(role: Role | undefined, operation: Operation): boolean {
  return role !== undefined && (roles[operation]?.includes(role) ?? false);
}
