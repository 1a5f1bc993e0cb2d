/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-print.h"

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, CpSummary *summary)
{
  int pages = cp_summary_paginate (summary, gtk_print_context_get_cairo_context (context),
                                   gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page,
              CpSummary *summary)
{
  cp_summary_paint_page (summary, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
cp_print_operation_new (CpSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The summary lays out its own margins on the whole sheet, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "cp-summary", summary,
                          (GDestroyNotify) cp_summary_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), summary);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), summary);
  return operation;
}
