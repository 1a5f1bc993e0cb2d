-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 1: townships, communities (figures per year), facilities, standards per year.
-- CHECK constraints mirror the rules in src/core (cp_facility_validate, cp_standards_validate).

CREATE TABLE setting (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE township (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind TEXT NOT NULL CHECK (kind IN ('subdistrict', 'town', 'township'))
) STRICT;

CREATE TABLE community (
  id              INTEGER PRIMARY KEY,
  township_id     INTEGER NOT NULL REFERENCES township (id) ON DELETE RESTRICT,
  code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind            TEXT NOT NULL CHECK (kind IN ('urban', 'rural')),
  relocation_site INTEGER NOT NULL DEFAULT 0 CHECK (relocation_site IN (0, 1))
) STRICT;
CREATE INDEX community_township ON community (township_id, code);

-- year 0: the figures hold from the start, until a later year's figure is recorded.
CREATE TABLE community_year (
  community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL CHECK (year = 0 OR year BETWEEN 1949 AND 2100),
  households   INTEGER NOT NULL CHECK (households >= 0),
  population   INTEGER NOT NULL CHECK (population >= 0),
  PRIMARY KEY (community_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE facility (
  id                  INTEGER PRIMARY KEY,
  community_id        INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
  name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind                TEXT NOT NULL CHECK (kind IN ('comprehensive', 'childcare', 'children_home',
                        'elderly_care', 'rehabilitation', 'reading', 'culture_sports', 'fitness',
                        'market', 'express', 'ceremony', 'burial')),
  total_area_m2       REAL NOT NULL CHECK (total_area_m2 > 0 AND total_area_m2 <= 1000000),
  service_area_m2     REAL NOT NULL CHECK (service_area_m2 >= 0 AND service_area_m2 <= total_area_m2),
  office_area_m2      REAL NOT NULL DEFAULT 0
                        CHECK (office_area_m2 >= 0 AND office_area_m2 <= total_area_m2),
  independent_offices INTEGER NOT NULL DEFAULT 0 CHECK (independent_offices BETWEEN 0 AND 1000),
  provision           TEXT NOT NULL CHECK (provision IN ('new', 'relocation', 'swap', 'lease')),
  status              TEXT NOT NULL CHECK (status IN ('planned', 'building', 'in_use', 'closed')),
  year                INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  government_invested INTEGER NOT NULL DEFAULT 0 CHECK (government_invested IN (0, 1)),
  property_registered INTEGER NOT NULL DEFAULT 0 CHECK (property_registered IN (0, 1)),
  accessible          INTEGER NOT NULL DEFAULT 0 CHECK (accessible IN (0, 1)),
  age_friendly        INTEGER NOT NULL DEFAULT 0 CHECK (age_friendly IN (0, 1)),
  child_friendly      INTEGER NOT NULL DEFAULT 0 CHECK (child_friendly IN (0, 1)),
  UNIQUE (community_id, name)
) STRICT;

CREATE TABLE standard (
  year                       INTEGER PRIMARY KEY CHECK (year BETWEEN 1949 AND 2100),
  area_per_100_households_m2 REAL NOT NULL CHECK (area_per_100_households_m2 > 0),
  rural_building_min_m2      REAL NOT NULL CHECK (rural_building_min_m2 >= 0),
  service_share_min          REAL NOT NULL CHECK (service_share_min BETWEEN 0 AND 1),
  rural_coverage_target      REAL NOT NULL CHECK (rural_coverage_target BETWEEN 0 AND 1),
  source                     TEXT NOT NULL
) STRICT;
