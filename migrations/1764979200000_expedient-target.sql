-- Up Migration
-- Duties the law gives no fixed period ("in the most expedient time possible"): the organisation sets itself a
-- target in days, shown on their clocks beside the missing legal deadline and never escalated as one.
ALTER TABLE organisation_profile ADD COLUMN expedient_target_days integer CHECK (expedient_target_days BETWEEN 1 AND 365);
ALTER TABLE deadlines ADD COLUMN target_at timestamptz;

-- Down Migration
ALTER TABLE deadlines DROP COLUMN target_at;
ALTER TABLE organisation_profile DROP COLUMN expedient_target_days;
