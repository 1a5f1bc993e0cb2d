/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plays the window for tests/test-store-locks.py: keeps a connection to DB open (as the window
 * does), opens and frees a second one by path (as each background job does), says "ready" and
 * waits; on a line from stdin adds the facility NAME (100 m², comprehensive, in use since 2020)
 * to the community CODE, says "written" and waits again, never closing: the test kills it.
 *
 *   store-lock-helper DB CODE NAME */
#include "config.h"

#include <stdio.h>

#include "cp-store.h"
#include "cp-facility-store.h"
#include "cp-region-store.h"

static void
say (const char *word)
{
  printf ("%s\n", word);
  fflush (stdout);
}

static void
wait_for_line (void)
{
  char line[64];

  if (fgets (line, sizeof line, stdin) == NULL)
    g_error ("stdin closed");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  if (argc != 4)
    g_error ("usage: store-lock-helper DB CODE NAME");
  CpStore *window = cp_store_open (argv[1], CP_STORE_OPEN_DEFAULT, &error);
  if (window == NULL)
    g_error ("%s", error->message);

  CpStore *job = cp_store_open (argv[1], CP_STORE_OPEN_READ_ONLY, &error);
  if (job == NULL || cp_region_store_count_communities (job, &error) < 0)
    g_error ("%s", error->message);
  cp_store_free (job);
  say ("ready");

  wait_for_line ();
  CpFacility f = { .community_id = cp_region_store_find_community (window, argv[2], NULL),
                   .name = argv[3],
                   .kind = CP_FACILITY_COMPREHENSIVE,
                   .total_area_m2 = 100,
                   .service_area_m2 = 90,
                   .provision = CP_PROVISION_NEW,
                   .status = CP_STATUS_IN_USE,
                   .year = 2020 };
  if (f.community_id <= 0)
    g_error ("no community %s", argv[2]);
  if (!cp_facility_store_upsert (window, &f, &error))
    g_error ("%s", error->message);
  say ("written");

  wait_for_line ();
  cp_store_free (window);
  return 0;
}
