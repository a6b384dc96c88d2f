// Built by the operation-roles plugin of vite.config.ts from openapi.json.
declare module 'virtual:operation-roles' {
  const roles: Record<string, readonly string[]>;
  export default roles;
}
