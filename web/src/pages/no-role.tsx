import { PageHeader } from '../components/page-header';

/** Where the server sends a person whose sign-in worked but whose account maps to no role. */
export function NoRolePage() {
  return (
    <section className="panel narrow">
      <PageHeader title="Your account has no role in this console" documentTitle="No role" />
      <p>
        You signed in successfully, but your account is not in any of the groups this console maps to a role, so it can't show you
        anything yet.
      </p>
      <p>
        Ask an administrator to add you to one of the configured groups. Each group grants one role:
      </p>
      <ul className="role-list">
        <li>
          <strong>admin</strong> — manages API keys, intake sources and everything below
        </li>
        <li>
          <strong>dpo</strong> — decides on notification, signs off risk assessments, records notices, closes incidents
        </li>
        <li>
          <strong>responder</strong> — opens incidents and records containment, findings, evidence and scope
        </li>
        <li>
          <strong>viewer</strong> — reads incidents, deadlines and the breach register
        </li>
      </ul>
      <p>Once they have, sign in again.</p>
      <p className="button-row">
        <a className="button button-primary" href="/auth/login">
          Sign in again
        </a>
        <a className="button button-secondary" href="/signed-out">
          Sign out
        </a>
      </p>
    </section>
  );
}
