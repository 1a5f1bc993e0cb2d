-- SPDX-License-Identifier: GPL-3.0-or-later
-- A schema 4 for the migration tests only: a new column with a default, and a new table.
ALTER TABLE community ADD COLUMN test_note TEXT NOT NULL DEFAULT '';
CREATE TABLE test_migration (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
INSERT INTO test_migration (what) VALUES ('schema 3');
