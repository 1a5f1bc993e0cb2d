/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sample's entry point and the plan the domains share. The same scale writes the same rows
 * in the same order, and copy 0 (蛟河市 itself) is the same at any scale. A few communities are
 * made deliberately bad so that each rule of cp-facility-rules.h is broken in every year
 * 2023–2027. */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-store.h"
#include "cp-region-store.h"
#include "cp-sample-private.h"
#include "cp-sample.h"

#define SAMPLE_MAX_SCALE 99999
#define CANCEL_CHECK_EVERY 4096

/* Communities made bad (or, for a relocation site, good) on purpose in every copy. */
static const CpSampleSpecial sample_specials[] = {
  { 7, CP_COMMUNITY_RURAL, 0, CP_SAMPLE_DEFECT_RURAL_BUILDING, TRUE, CP_PROVISION_RELOCATION,
    2013 },
  { 8, CP_COMMUNITY_RURAL, 1, CP_SAMPLE_DEFECT_NONE, TRUE, CP_PROVISION_RELOCATION, 2014 },
  { 0, CP_COMMUNITY_URBAN, 2, CP_SAMPLE_DEFECT_SERVICE_SHARE, FALSE, CP_PROVISION_LEASE, 2015 },
  { 1, CP_COMMUNITY_URBAN, 1, CP_SAMPLE_DEFECT_OFFICE, FALSE, CP_PROVISION_SWAP, 2016 },
  { 2, CP_COMMUNITY_URBAN, 3, CP_SAMPLE_DEFECT_COVERAGE, FALSE, CP_PROVISION_NEW, 2017 },
  { 4, CP_COMMUNITY_RURAL, 0, CP_SAMPLE_DEFECT_UNREGISTERED, FALSE, CP_PROVISION_NEW, 2018 },
  { 10, CP_COMMUNITY_RURAL, 2, CP_SAMPLE_DEFECT_AREA, FALSE, CP_PROVISION_RELOCATION, 2019 },
};

typedef struct
{
  CpStore *store;
  GCancellable *cancellable;
  guint64 communities;
} Writer;

/* Auxiliary: the writer */

/* After each community's region rows: now and then a look at @cancellable, then the domains
 * built on the region. */
static gboolean
write_community_domains (CpSampleCommunity *community, gpointer user_data, GError **error)
{
  Writer *writer = user_data;

  if (writer->communities++ % CANCEL_CHECK_EVERY == 0
      && g_cancellable_is_cancelled (writer->cancellable))
    return cp_set_error (error, CP_ERROR_CANCELLED, _("Writing the sample data was cancelled."));
  return _cp_facility_sample_write_community (writer->store, community, error)
         && _cp_staff_sample_write_community (writer->store, community, error);
}

static gboolean
write_settings (CpStore *store, GError **error)
{
  return _cp_region_sample_write_city (store, error)
         && cp_store_set_setting (store, "sample", "1", error)
         && _cp_facility_sample_write_standards (store, error);
}

static gboolean
write_all (Writer *writer, guint scale, GError **error)
{
  return write_settings (writer->store, error)
         && _cp_region_sample_write (writer->store, scale, write_community_domains, writer, error);
}

static gboolean
store_is_empty (CpStore *store, GError **error)
{
  gboolean townships = FALSE, standards = FALSE;

  if (!cp_region_store_has_townships (store, &townships, error)
      || !cp_facility_store_has_standards (store, &standards, error))
    return FALSE;
  if (townships || standards)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("The sample data can only be written into a new, empty database; "
                           "“%s” already has data."),
                         cp_store_get_path (store));
  return TRUE;
}

/* Private API */

const CpSampleSpecial *
_cp_sample_find_special (guint township, CpCommunityKind kind, guint index)
{
  for (guint i = 0; i < G_N_ELEMENTS (sample_specials); i++)
    {
      const CpSampleSpecial *s = &sample_specials[i];
      if (s->township == township && s->kind == kind && s->index == index)
        return s;
    }
  return NULL;
}

CpSampleDefect
_cp_sample_draw_defect (CpSampleRng *rng, CpCommunityKind kind)
{
  double u = _cp_sample_rng_unit (rng);

  if (u < 0.05)
    return CP_SAMPLE_DEFECT_AREA;
  if (u < 0.08)
    return kind == CP_COMMUNITY_RURAL ? CP_SAMPLE_DEFECT_RURAL_BUILDING
                                      : CP_SAMPLE_DEFECT_SERVICE_SHARE;
  if (u < 0.11)
    return CP_SAMPLE_DEFECT_SERVICE_SHARE;
  if (u < 0.13)
    return CP_SAMPLE_DEFECT_OFFICE;
  if (u < 0.16)
    return CP_SAMPLE_DEFECT_COVERAGE;
  if (u < 0.19)
    return CP_SAMPLE_DEFECT_UNREGISTERED;
  return CP_SAMPLE_DEFECT_NONE;
}

/* Public API */

gboolean
cp_sample_write (CpStore *store, guint scale, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scale < 1 || scale > SAMPLE_MAX_SCALE)
    return cp_set_error (error, CP_ERROR_INVALID,
                         _("The sample scale must be a whole number from 1 to %d."),
                         SAMPLE_MAX_SCALE);
  if (!cp_store_check_writable (store, error) || !store_is_empty (store, error))
    return FALSE;

  /* One transaction, statements prepared once (the stores cache them). Rows go in key order
   * (codes ascending, facilities and staff after their community), so most indexes grow at
   * their ends: for them a larger page cache was measured not to help (facilities alone, scale
   * 2000: about 20 s with SQLite's default cache, 25 s with 256 MB). The staff's identity
   * numbers land all over their index, though: with the 16 MB cache of a bulk write, scale 100
   * takes 5–7 s instead of 16–23 s. */
  Writer writer = { .store = store, .cancellable = cancellable };
  if (!cp_store_begin (store, error))
    return FALSE;
  cp_store_set_bulk_write (store, TRUE);
  gboolean ok = write_all (&writer, scale, error);
  if (ok)
    ok = cp_store_commit (store, error);
  if (!ok)
    cp_store_rollback (store);
  cp_store_set_bulk_write (store, FALSE);
  return ok;
}
