/** The demo people: sign in with the login name (any password); `groups` maps to roles through OIDC_ROLE_MAP. */
export const DEMO_PEOPLE = {
  admin: { name: 'Alex Admin', email: 'admin@example.test', groups: ['breach-admin'] },
  dpo: { name: 'Dana Privacy', email: 'dpo@example.test', groups: ['breach-dpo'] },
  responder: { name: 'Riley Responder', email: 'responder@example.test', groups: ['breach-responder'] },
  viewer: { name: 'Vic Viewer', email: 'viewer@example.test', groups: ['breach-viewer'] },
  nobody: { name: 'Noel Nobody', email: 'nobody@example.test', groups: ['staff'] },
} as const;

/** A demo person's login name at the local provider. */
export type DemoLogin = keyof typeof DEMO_PEOPLE;
