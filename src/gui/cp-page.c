/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-facility-workbook.h"
#include "cp-page.h"
#include "cp-reports.h"

/* What an export job writes. */
typedef struct
{
  char *chart; /* NULL for the workbook */
  char *out_path;
  int year;
  gboolean desensitize;
  GArray *community_ids; /* the workbook's filter, or NULL */
} ExportRequest;

G_DEFINE_INTERFACE (CpPage, cp_page, GTK_TYPE_WIDGET)

static void
cp_page_default_init (CpPageInterface *iface)
{
}

const char *
cp_page_get_name (CpPage *self)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);
  return CP_PAGE_GET_IFACE (self)->get_name (self);
}

const char *
cp_page_get_title (CpPage *self)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);
  return CP_PAGE_GET_IFACE (self)->get_title (self);
}

void
cp_page_set_store (CpPage *self, CpStore *store)
{
  g_return_if_fail (CP_IS_PAGE (self));
  CP_PAGE_GET_IFACE (self)->set_store (self, store);
}

void
cp_page_set_year (CpPage *self, int year)
{
  g_return_if_fail (CP_IS_PAGE (self));
  CP_PAGE_GET_IFACE (self)->set_year (self, year);
}

void
cp_page_reload (CpPage *self)
{
  g_return_if_fail (CP_IS_PAGE (self));
  CP_PAGE_GET_IFACE (self)->reload (self);
}

void
cp_page_focus_search (CpPage *self)
{
  g_return_if_fail (CP_IS_PAGE (self));

  if (CP_PAGE_GET_IFACE (self)->focus_search != NULL)
    CP_PAGE_GET_IFACE (self)->focus_search (self);
}

const CpPageExport *
cp_page_list_exports (CpPage *self, guint *n_exports)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);
  g_return_val_if_fail (n_exports != NULL, NULL);

  *n_exports = 0;
  if (CP_PAGE_GET_IFACE (self)->list_exports == NULL)
    return NULL;
  return CP_PAGE_GET_IFACE (self)->list_exports (self, n_exports);
}

const CpPageExport *
cp_page_find_export (CpPage *self, const char *id)
{
  guint n;
  const CpPageExport *exports = cp_page_list_exports (self, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (exports[i].id, id) == 0)
      return &exports[i];
  return NULL;
}

char *
cp_page_suggest_export_name (CpPage *self, const char *id, int year)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  if (CP_PAGE_GET_IFACE (self)->suggest_export_name == NULL)
    return NULL;
  return CP_PAGE_GET_IFACE (self)->suggest_export_name (self, id, year);
}

CpJob *
cp_page_export (CpPage *self, const char *id, const char *db_path, int year,
                const char *out_path)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);
  g_return_val_if_fail (cp_page_find_export (self, id) != NULL, NULL);

  return CP_PAGE_GET_IFACE (self)->export (self, id, db_path, year, out_path);
}

void
cp_page_set_export_option (CpPage *self, const char *id, gboolean active)
{
  g_return_if_fail (CP_IS_PAGE (self));

  if (CP_PAGE_GET_IFACE (self)->set_export_option != NULL)
    CP_PAGE_GET_IFACE (self)->set_export_option (self, id, active);
}

gboolean
cp_page_can_print (CpPage *self)
{
  g_return_val_if_fail (CP_IS_PAGE (self), FALSE);
  return CP_PAGE_GET_IFACE (self)->gather_print != NULL;
}

CpJob *
cp_page_gather_print (CpPage *self, const char *db_path, int year)
{
  g_return_val_if_fail (cp_page_can_print (self), NULL);
  return CP_PAGE_GET_IFACE (self)->gather_print (self, db_path, year);
}

GtkPrintOperation *
cp_page_print_operation (CpPage *self, CpJob *job)
{
  g_return_val_if_fail (cp_page_can_print (self), NULL);
  return CP_PAGE_GET_IFACE (self)->print_operation (self, job);
}

const char *const *
cp_page_get_import_domains (CpPage *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (CP_IS_PAGE (self), none);

  if (CP_PAGE_GET_IFACE (self)->get_import_domains == NULL)
    return none;
  return CP_PAGE_GET_IFACE (self)->get_import_domains (self);
}

char *
cp_page_describe_filter (CpPage *self, const char *id)
{
  g_return_val_if_fail (CP_IS_PAGE (self), NULL);

  if (CP_PAGE_GET_IFACE (self)->describe_filter == NULL)
    return NULL;
  return CP_PAGE_GET_IFACE (self)->describe_filter (self, id);
}

void
cp_page_set_export_filtered (CpPage *self, const char *id, gboolean filtered)
{
  g_return_if_fail (CP_IS_PAGE (self));

  if (CP_PAGE_GET_IFACE (self)->set_export_filtered != NULL)
    CP_PAGE_GET_IFACE (self)->set_export_filtered (self, id, filtered);
}

/* Export jobs */

static void
export_request_free (ExportRequest *request)
{
  g_free (request->chart);
  g_free (request->out_path);
  g_clear_pointer (&request->community_ids, g_array_unref);
  g_free (request);
}

static ExportRequest *
export_request_new (const char *chart, int year, const char *out_path, gboolean desensitize)
{
  ExportRequest *request = g_new0 (ExportRequest, 1);

  request->chart = g_strdup (chart);
  request->out_path = g_strdup (out_path);
  request->year = year;
  request->desensitize = desensitize;
  return request;
}

static gboolean
workbook_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
               GError **error)
{
  ExportRequest *request = data;
  CpWorkbookOptions options;

  cp_workbook_options_init_default (&options);
  options.desensitize = request->desensitize;
  options.community_ids = request->community_ids;
  return cp_workbook_export_full (store, request->year, request->out_path, &options,
                                  cp_job_progress, job, cancellable, error);
}

static gboolean
chart_work (CpJob *job, CpStore *store, gpointer data, GCancellable *cancellable,
            GError **error)
{
  ExportRequest *request = data;

  return cp_chart_export (store, request->chart, request->year, request->out_path, error);
}

CpJob *
cp_page_workbook_job (const char *db_path, int year, const char *out_path, gboolean desensitize)
{
  g_return_val_if_fail (out_path != NULL, NULL);

  return cp_job_new (_("Writing the workbook…"), db_path, CP_STORE_OPEN_READ_ONLY, workbook_work,
                     export_request_new (NULL, year, out_path, desensitize),
                     (GDestroyNotify) export_request_free);
}

CpJob *
cp_page_workbook_job_filtered (const char *db_path, int year, const char *out_path,
                               gboolean desensitize, GArray *community_ids)
{
  g_return_val_if_fail (out_path != NULL, NULL);

  ExportRequest *request = export_request_new (NULL, year, out_path, desensitize);
  request->community_ids = community_ids != NULL ? g_array_ref (community_ids) : NULL;
  return cp_job_new (_("Writing the workbook…"), db_path, CP_STORE_OPEN_READ_ONLY, workbook_work,
                     request, (GDestroyNotify) export_request_free);
}

CpJob *
cp_page_chart_job (const char *db_path, const char *chart, int year, const char *out_path)
{
  g_return_val_if_fail (chart != NULL && out_path != NULL, NULL);

  return cp_job_new (_("Drawing the chart…"), db_path, CP_STORE_OPEN_READ_ONLY, chart_work,
                     export_request_new (chart, year, out_path, FALSE),
                     (GDestroyNotify) export_request_free);
}
