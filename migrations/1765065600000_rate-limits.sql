-- Up Migration
-- Fixed-window hit counters of the /v1 rate limits (express-rate-limit's store), shared by every API replica:
-- one row per limited key (an API key or console session, or a client address's failed authentications),
-- reset by the next hit after reset_at and swept once expired. Unlogged: counters are worth nothing after a
-- crash, so they skip the WAL (and are empty on a promoted standby, which only forgives some hits).
CREATE UNLOGGED TABLE rate_limit_counters (
  key text NOT NULL,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL,
  CONSTRAINT rate_limit_counters_hits_check CHECK (hits >= 0),
  CONSTRAINT rate_limit_counters_pkey PRIMARY KEY (key)
);
CREATE INDEX rate_limit_counters_reset_at_idx ON rate_limit_counters (reset_at);

-- Down Migration
DROP TABLE rate_limit_counters;
