-- Placeholder so that 004 has no gap on the admin-api branch. Another
-- branch brings the real 003 (indexes); drop this file when merging.
SELECT 1;
