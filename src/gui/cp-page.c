/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-page.h"

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
