-- Issue 21: the objection window of each published period, as the standing feature publishes it for other
-- features' list statements (the appeals list counts appeals undecided after their window in SQL). Read-only: every
-- statement on standing_period itself stays in standing/StandingInputRepository.
CREATE VIEW period_objection_window AS
SELECT scheme_key, period_id, objection_until FROM standing_period;
