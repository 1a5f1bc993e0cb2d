-- SPDX-License-Identifier: GPL-3.0-or-later
-- A schema 4 for the migration tests only: it changes data, then fails on a table that does not
-- exist. Nothing of it may remain.
UPDATE community_year SET households = households + 1;
DELETE FROM facility;
INSERT INTO no_such_table VALUES (1);
