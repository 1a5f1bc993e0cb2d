/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "cp-test-utils.h"

char *
cp_test_dir_make (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pattern = g_strdup_printf ("cp-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (pattern, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
cp_test_dir_remove (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) handle = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  /* g_dir_read_name() lists hidden names too; only "." and ".." are left out. */
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_chmod (path, 0755);
          cp_test_dir_remove (path);
          continue;
        }
      g_chmod (path, 0644);
      if (g_remove (path) != 0)
        g_error ("cannot remove %s: %s", path, g_strerror (errno));
    }
  g_chmod (dir, 0755);
  if (g_rmdir (dir) != 0)
    g_error ("cannot remove the folder %s: %s", dir, g_strerror (errno));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

char **
cp_test_dir_list (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) handle = g_dir_open (dir, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
cp_test_file_digest (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
cp_test_copy_file (const char *src, const char *dest)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (src, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (dest, contents, length, &error);
  g_assert_no_error (error);
}

void
cp_test_store_set_up (CpTestStore *ts, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);

  ts->dir = cp_test_dir_make (name);
  ts->path = g_build_filename (ts->dir, file, NULL);
  ts->store = cp_store_open (ts->path, CP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ts->store);
}

void
cp_test_store_tear_down (CpTestStore *ts)
{
  g_clear_pointer (&ts->store, cp_store_free);
  cp_test_dir_remove (ts->dir);
  g_clear_pointer (&ts->dir, g_free);
  g_clear_pointer (&ts->path, g_free);
}

CpTownship
cp_test_township (const char *code, const char *name)
{
  return (CpTownship){ .code = (char *) code, .name = (char *) name,
                       .kind = CP_TOWNSHIP_SUBDISTRICT };
}

CpCommunity
cp_test_community (gint64 township_id, const char *code)
{
  return (CpCommunity){ .township_id = township_id, .code = (char *) code, .name = (char *) code,
                        .kind = CP_COMMUNITY_URBAN, .households = 1000, .population = 2000 };
}

CpFacility
cp_test_facility (gint64 community_id, const char *name, double total_area_m2)
{
  return (CpFacility){ .community_id = community_id, .name = (char *) name,
                       .kind = CP_FACILITY_COMPREHENSIVE, .total_area_m2 = total_area_m2,
                       .service_area_m2 = total_area_m2, .provision = CP_PROVISION_NEW,
                       .status = CP_STATUS_IN_USE, .year = 2020 };
}

gint64
cp_test_insert_township (CpStore *store, CpTownship *township)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_region_store_upsert_township (store, township, &error));
  g_assert_no_error (error);
  g_assert_cmpint (township->id, >, 0);
  return township->id;
}

gint64
cp_test_insert_community (CpStore *store, CpCommunity *community, int year)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_region_store_upsert_community (store, community, year, &error));
  g_assert_no_error (error);
  g_assert_cmpint (community->id, >, 0);
  return community->id;
}

gint64
cp_test_insert_facility (CpStore *store, CpFacility *facility)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (cp_facility_store_upsert (store, facility, &error));
  g_assert_no_error (error);
  g_assert_cmpint (facility->id, >, 0);
  return facility->id;
}

gint64
cp_test_add_township (CpStore *store, const char *code, const char *name, CpTownshipKind kind)
{
  CpTownship township = cp_test_township (code, name);

  township.kind = kind;
  return cp_test_insert_township (store, &township);
}

gint64
cp_test_add_community (CpStore *store, gint64 township_id, const char *code,
                       CpCommunityKind kind, gint64 households)
{
  CpCommunity community = cp_test_community (township_id, code);

  community.kind = kind;
  community.households = households;
  community.population = households * 2;
  return cp_test_insert_community (store, &community, 0);
}
