-- 007_runs_reprocessed_outside: two counters of a run that were only in
-- its log line (and, for the window, in its message). IF NOT EXISTS: a
-- schema whose runs table already has them (added by hand) migrates too.

ALTER TABLE gazette.runs
    ADD COLUMN IF NOT EXISTS reprocessed    integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outside_window integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN gazette.runs.reprocessed IS
    'With --reprocess: articles already loaded whose mentions and dates this run replaced (0 otherwise; runs before migration 007 also show 0).';
COMMENT ON COLUMN gazette.runs.outside_window IS
    'With --since/--until: articles read but published outside the window, so not loaded (0 otherwise; runs before migration 007 also show 0).';
