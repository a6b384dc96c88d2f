import { loadConfig, oidcSettings } from '../../src/config';
import { roleFromClaim, safeReturnPath } from '../../src/api/oidc-sign-in';

const MAP = { 'breach-admin': 'admin', 'breach-dpo': 'dpo', 'breach-responder': 'responder', 'breach-viewer': 'viewer' } as const;

describe('roleFromClaim', () => {
  it('maps a claim value to its role', () => {
    expect(roleFromClaim(['staff', 'breach-responder'], MAP)).toBe('responder');
    expect(roleFromClaim('breach-viewer', MAP)).toBe('viewer');
  });

  it('gives a person in several mapped groups the strongest role', () => {
    expect(roleFromClaim(['breach-viewer', 'breach-dpo', 'breach-responder'], MAP)).toBe('dpo');
  });

  it('gives no role when no value maps, the claim is missing, or its values are not strings', () => {
    expect(roleFromClaim(['staff'], MAP)).toBeUndefined();
    expect(roleFromClaim(undefined, MAP)).toBeUndefined();
    expect(roleFromClaim([{ 'breach-admin': true }, 7], MAP)).toBeUndefined();
  });

  it('does not take a role name that is not mapped (the map, not the provider, grants roles)', () => {
    expect(roleFromClaim(['admin', 'toString', '__proto__'], MAP)).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it('keeps a path on this site with its query', () => {
    expect(safeReturnPath('/incidents/1f2e/escalations/9a?x=1')).toBe('/incidents/1f2e/escalations/9a?x=1');
  });

  it('turns anything that could leave the site into /', () => {
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', undefined, ['/a'], '/a b', `/${'a'.repeat(2001)}`]) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });
});

describe('OIDC configuration', () => {
  it('is off when no variable is set', () => {
    expect(oidcSettings(loadConfig({}))).toBeUndefined();
  });

  it('needs the issuer, client id and secret together, and names the missing ones', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example.com' })).toThrow(/OIDC_CLIENT_ID: must be set with OIDC_ISSUER[\s\S]*OIDC_CLIENT_SECRET/);
  });

  it('reads a role map and claim, and refuses a map to an unknown role', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://login.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_ROLE_CLAIM: 'roles', OIDC_ROLE_MAP: '{"Privacy.Officer":"dpo"}' });
    expect(oidcSettings(config)).toEqual({ issuer: 'https://login.example.com', clientId: 'c', clientSecret: 's', scopes: 'openid profile email', roleClaim: 'roles', roleMap: { 'Privacy.Officer': 'dpo' } });
    expect(() => loadConfig({ OIDC_ROLE_MAP: '{"x":"owner"}' })).toThrow(/OIDC_ROLE_MAP/);
  });
});
