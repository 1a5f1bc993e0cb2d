/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared fixtures of the unit tests: a new store in a temporary folder that teardown removes
 * (and checks it could), and records with sensible defaults for the fields a test does not care
 * about. Every helper asserts its own success, so a test reads as the data it builds. */
#pragma once

#include "cp-store.h"
#include "cp-facility-store.h"
#include "cp-region-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *dir;      /* the temporary folder, removed with everything in it at teardown */
  char *path;     /* the database file in it */
  CpStore *store; /* opened with CP_STORE_OPEN_CREATE */
} CpTestStore;

/* Makes a folder "cp-@name-XXXXXX" in the temporary folder and a new store "@name.db" in it. */
void cp_test_store_set_up (CpTestStore *ts, const char *name);
/* Closes the store (if still open) and removes the folder; fails the test if it cannot. */
void cp_test_store_tear_down (CpTestStore *ts);

/* A new temporary folder "cp-@name-XXXXXX"; cp_test_dir_remove() removes it with its files
 * (hidden ones too, and read-only ones) and asserts that nothing is left. */
char *cp_test_dir_make (const char *name);
void cp_test_dir_remove (const char *dir);

/* File names in @dir, hidden ones included, sorted; NULL-terminated. */
char **cp_test_dir_list (const char *dir);
/* SHA-256 of the bytes of @path (never call it while a connection to @path is open). */
char *cp_test_file_digest (const char *path);
/* Copies @src to @dest byte for byte. */
void cp_test_copy_file (const char *src, const char *dest);

/* Records with defaults: a subdistrict; an urban community of 1,000 households and 2,000 people,
 * named as its code, not a relocation site; an in-use comprehensive facility built new in 2020,
 * its whole area for services, no office, not government-invested. Change the fields that
 * matter, then insert. The strings are not copied: they must outlive the insert. */
CpTownship cp_test_township (const char *code, const char *name);
CpCommunity cp_test_community (gint64 township_id, const char *code);
CpFacility cp_test_facility (gint64 community_id, const char *name, double total_area_m2);

/* Insert (or update, as the store's upsert does) and return the record's id. @year: the year
 * of the community's households (0: every year). */
gint64 cp_test_insert_township (CpStore *store, CpTownship *township);
gint64 cp_test_insert_community (CpStore *store, CpCommunity *community, int year);
gint64 cp_test_insert_facility (CpStore *store, CpFacility *facility);

/* Shorthands for the common cases. */
gint64 cp_test_add_township (CpStore *store, const char *code, const char *name,
                             CpTownshipKind kind);
gint64 cp_test_add_community (CpStore *store, gint64 township_id, const char *code,
                              CpCommunityKind kind, gint64 households);

G_END_DECLS
