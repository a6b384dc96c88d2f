import { PageHeader } from '../components/page-header';

/** Where the console lands after POST /auth/logout. */
export function SignedOutPage() {
  return (
    <section className="panel narrow">
      <PageHeader title="You are signed out" documentTitle="Signed out" />
      <p>Your session has ended on this browser. Deadlines keep running and escalations keep going out while you are away.</p>
      <p>
        <a className="button button-primary" href="/auth/login">
          Sign in again
        </a>
      </p>
    </section>
  );
}
