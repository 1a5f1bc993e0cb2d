/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CP_ERROR (cp_error_quark ())

/* Errors of the core layer: each message says what is wrong, where, and what would be right. */
typedef enum
{
  CP_ERROR_INVALID,        /* a value breaks a rule of the data */
  CP_ERROR_NOT_FOUND,      /* a file, record or code that is not there */
  CP_ERROR_NOT_A_DATABASE, /* the file is not a planner database */
  CP_ERROR_NEWER_SCHEMA,   /* made by a newer version of the program */
  CP_ERROR_READ_ONLY,      /* the file can only be read */
  CP_ERROR_IMPORT,         /* an import file has bad rows */
  CP_ERROR_CANCELLED,
  CP_ERROR_FAILED,
} CpError;

GQuark cp_error_quark (void);

/* Sets @error like g_set_error() and returns FALSE, so that a check reads `return cp_set_error`. */
gboolean cp_set_error (GError **error, CpError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
