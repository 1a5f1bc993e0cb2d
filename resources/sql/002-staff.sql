-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 2: community staff under 社工岗 management ("三岗十八级"): the roster, a level per person
-- per year, the annual grade, service agreements and the pay parameters per year.
-- CHECK constraints mirror the rules in src/core/staff (cp_staff_validate, cp_post_check_level,
-- cp_pay_params_validate); the ranges that depend on a year's parameters (a post's levels) are
-- checked in C. The closed vocabularies are written as comparisons joined by OR, not IN lists: an
-- IN list of 3 or more values builds a temporary index for every row written (scale 2000 writes
-- 4 million people). Dates are TEXT 'YYYY-MM-DD', days of the calendar: date(x, '+0 days') IS x
-- (date(x) alone takes 2023-02-30 as it is; a modifier moves it to 03-02). Birth date and gender
-- come from the identity number.

CREATE TABLE staff (
  id                    INTEGER PRIMARY KEY,
  community_id          INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  id_number             TEXT NOT NULL UNIQUE
                          CHECK (length(id_number) = 18
                                 AND substr(id_number, 1, 17) NOT GLOB '*[^0-9]*'
                                 AND substr(id_number, 18) GLOB '[0-9X]'),
  name                  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  post                  TEXT NOT NULL
                          CHECK (post = 'head' OR post = 'member' OR post = 'staff'
                                 OR post = 'welfare'),
  role                  TEXT NOT NULL DEFAULT '' CHECK (length(role) <= 50),
  education             TEXT NOT NULL
                          CHECK (education = 'secondary' OR education = 'college'
                                 OR education = 'bachelor' OR education = 'master'
                                 OR education = 'doctor'),
  qualification         TEXT NOT NULL DEFAULT 'none'
                          CHECK (qualification = 'none' OR qualification = 'assistant'
                                 OR qualification = 'social_worker' OR qualification = 'senior'),
  work_start            TEXT NOT NULL CHECK (date(work_start, '+0 days') IS work_start),
  service_start         TEXT NOT NULL CHECK (date(service_start, '+0 days') IS service_start),
  status                TEXT NOT NULL DEFAULT 'active'
                          CHECK (status = 'active' OR status = 'left' OR status = 'retired'),
  status_date           TEXT CHECK (status_date IS NULL
                                   OR date(status_date, '+0 days') IS status_date),
  grid_role             TEXT NOT NULL DEFAULT 'none'
                          CHECK (grid_role = 'none' OR grid_role = 'leader'
                                 OR grid_role = 'building' OR grid_role = 'unit'),
  phone                 TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 20),
  special_deduction_fen INTEGER NOT NULL DEFAULT 0
                          CHECK (special_deduction_fen BETWEEN 0 AND 10000000),
  -- The search by the last 4 characters of the identity number (the window's search box).
  id_last4              TEXT GENERATED ALWAYS AS (substr(id_number, 15, 4)) VIRTUAL,
  -- A status date for 离职/退休 only, not before the service start; work and service start after
  -- the birth date (characters 7–14 of the identity number).
  CHECK ((status = 'active') = (status_date IS NULL)),
  CHECK (status_date IS NULL OR status_date >= service_start),
  CHECK (work_start > substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-'
                      || substr(id_number, 13, 2)),
  CHECK (service_start > substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-'
                         || substr(id_number, 13, 2))
) STRICT;
-- The roster's order within a community (post, then identity number): the one-pass reading of a
-- year walks township → community → this index, so it needs no sort.
CREATE INDEX staff_roster ON staff (community_id, post, id_number);
-- A name is searched for as a part of it (instr), which no index serves: none on name.
CREATE INDEX staff_last4 ON staff (id_last4);

-- The level of a person from a year on: a person's level in year Y is the latest recorded at or
-- before Y.
CREATE TABLE staff_level (
  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  year     INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 18),
  PRIMARY KEY (staff_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE staff_grade (
  staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  year     INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  grade    TEXT NOT NULL CHECK (grade = 'excellent' OR grade = 'competent' OR grade = 'basic'
                                OR grade = 'incompetent'),
  PRIMARY KEY (staff_id, year)
) STRICT, WITHOUT ROWID;

-- Service agreements (服务协议); end_date NULL: open-ended. One agreement a person a start day,
-- so that an import of the same file again adds none.
CREATE TABLE staff_agreement (
  id         INTEGER PRIMARY KEY,
  staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  start_date TEXT NOT NULL CHECK (date(start_date, '+0 days') IS start_date),
  end_date   TEXT CHECK (end_date IS NULL OR (date(end_date, '+0 days') IS end_date
                                              AND end_date >= start_date)),
  UNIQUE (staff_id, start_date)
) STRICT;

-- The pay parameters (cp_pay_params_info): the value in force in year Y is the latest recorded
-- at or before Y, else the default. Ranges per key are checked in C.
CREATE TABLE pay_parameter (
  year  INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  key   TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
  value REAL NOT NULL,
  PRIMARY KEY (year, key)
) STRICT, WITHOUT ROWID;
