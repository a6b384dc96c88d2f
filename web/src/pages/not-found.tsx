import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

/** Any path the console has no page for. */
export function NotFoundPage() {
  return (
    <section className="panel narrow">
      <PageHeader title="Page not found" documentTitle="Not found" />
      <p>There is no page at this address. It may have been mistyped, or the link may be out of date.</p>
      <p className="button-row">
        <Link className="button button-primary" to="/">
          Go to the deadline board
        </Link>
        <Link className="button button-secondary" to="/incidents">
          Browse incidents
        </Link>
      </p>
    </section>
  );
}
