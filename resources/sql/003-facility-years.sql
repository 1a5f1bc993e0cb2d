-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 3: a facility's closing year (停用年份). A facility exists in year Y when it opened in or
-- before Y (year <= Y) and is not closed by then (closed_year IS NULL OR Y < closed_year): it is
-- out of use from its closing year on. NULL: no closing year. A row of status 'closed' without a
-- closing year stays closed in every year, as before (cp_facility_counts_in_year()).
-- The check mirrors cp_facility_validate(): the closing year is not before the opening year.
ALTER TABLE facility ADD COLUMN closed_year INTEGER
  CHECK (closed_year IS NULL OR (closed_year BETWEEN 1949 AND 2100 AND closed_year >= year));
