/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-print.h"

static void
on_begin_print (GtkPrintOperation *operation, GtkPrintContext *context, CpDocument *document)
{
  int pages = cp_document_paginate (document, gtk_print_context_get_cairo_context (context),
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (pages, 1));
}

static void
on_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page,
              CpDocument *document)
{
  cp_document_paint_page (document, gtk_print_context_get_cairo_context (context), page);
}

/* Who owns the document, freed with the operation. */
typedef struct
{
  gpointer owner;
  GDestroyNotify owner_free;
} Owner;

static void
owner_free (gpointer data, GClosure *closure)
{
  Owner *owner = data;

  if (owner->owner_free != NULL)
    owner->owner_free (owner->owner);
  g_free (owner);
}

static void
on_done (GtkPrintOperation *operation, GtkPrintOperationResult result, Owner *owner)
{
}

GtkPrintOperation *
cp_print_operation_new (CpDocument *document, gpointer owner, GDestroyNotify free_owner)
{
  g_return_val_if_fail (document != NULL, NULL);

  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Owner *held = g_new0 (Owner, 1);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The document lays out its own margins on the whole sheet, as in the PDF. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), document);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), document);
  /* A handler that only holds the owner: freed with the operation, after the others ran. */
  held->owner = owner;
  held->owner_free = free_owner;
  g_signal_connect_data (operation, "done", G_CALLBACK (on_done), held, owner_free, 0);
  return operation;
}
