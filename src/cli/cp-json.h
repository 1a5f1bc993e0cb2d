/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text as a JSON string literal (quoted, escaped), cleaned by cp_report_text(). */
void cp_json_append_string (GString *out, const char *text);
/* Appends @value with exactly @decimals decimals ("99.9", "0.0"). */
void cp_json_append_fixed (GString *out, double value, int decimals);
/* Appends @value with at most @decimals decimals, locale-independent ("30", "0.8", "99.9"). */
void cp_json_append_number (GString *out, double value, int decimals);

G_END_DECLS
