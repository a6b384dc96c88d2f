-- Up Migration
-- The EDPB's risk factors beside the ENISA score: the suggestion is the stronger of the band's outcome and the
-- factors', with its reasons factor by factor. Assessments recorded before keep the band's suggestion they were
-- signed off on, marked enisa-only with no factors and no reasons: they read as they were made.
ALTER TABLE risk_assessments
  ADD COLUMN method text NOT NULL DEFAULT 'enisa-only' CHECK (method IN ('enisa-only', 'enisa-and-factors')),
  ADD COLUMN factors jsonb,
  ADD COLUMN enisa_outcome text,
  ADD COLUMN factors_outcome text,
  ADD COLUMN reasons jsonb;
UPDATE risk_assessments SET enisa_outcome = suggested_outcome;
ALTER TABLE risk_assessments ALTER COLUMN enisa_outcome SET NOT NULL, ALTER COLUMN method DROP DEFAULT;

-- Down Migration
ALTER TABLE risk_assessments DROP COLUMN reasons, DROP COLUMN factors_outcome, DROP COLUMN enisa_outcome, DROP COLUMN factors, DROP COLUMN method;
