// Entry point of the local OpenID provider `make dev` and the tests run (oidc-provider, the certified library),
// with one demo person per role. Not for production: point OIDC_ISSUER at your own provider instead.
// Environment: LOCAL_OIDC_PORT, LOCAL_OIDC_CLIENT_ID, LOCAL_OIDC_CLIENT_SECRET, LOCAL_OIDC_REDIRECT_URI.
import Provider, { type Configuration } from 'oidc-provider';
import { DEMO_PEOPLE } from './demo-people';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function main(): void {
  const port = Number(required('LOCAL_OIDC_PORT'));
  const issuer = `http://127.0.0.1:${port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: required('LOCAL_OIDC_CLIENT_ID'),
        client_secret: required('LOCAL_OIDC_CLIENT_SECRET'),
        redirect_uris: [required('LOCAL_OIDC_REDIRECT_URI')],
        post_logout_redirect_uris: [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'groups'], profile: ['name'], email: ['email', 'email_verified'] },
    // The role claim travels in the ID token, as Entra ID and Okta can be set to do.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const person = DEMO_PEOPLE[id as keyof typeof DEMO_PEOPLE];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: person.name, email: person.email, email_verified: true, groups: [...person.groups] }) };
    },
    // A first-party console: no consent screen; the grant covers what the client asked for.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['sub', 'name', 'email', 'email_verified', 'groups']);
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [required('LOCAL_OIDC_CLIENT_SECRET')] },
  };
  const provider = new Provider(issuer, configuration);
  const server = provider.listen(port, '127.0.0.1', () => {
    console.log(`local OpenID provider at ${issuer}`);
  });
  // Clients keep connections alive (the API's discovery and token calls): close them too, or close() waits on them.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
