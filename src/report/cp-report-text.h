/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text read from a database on its way into a report (PDF, PNG, SVG, workbook, JSON, terminal).
 * The importer refuses bad names, but a hand-edited or older database may still hold invalid
 * UTF-8, Unicode noncharacters (U+FDD0…U+FDEF, U+xFFFE, U+xFFFF) or control characters. Such
 * text makes XML ill-formed, JSON undecodable and cairo refuse to draw, so each of them is
 * replaced by U+FFFD (one per invalid byte); tab stays, as do all other characters. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @text (NULL counts as clean) needs no replacement. */
gboolean cp_report_text_is_clean (const char *text);

/* A newly allocated copy of @text (NULL: "") with the replacements made. */
char *cp_report_text_clean (const char *text);

/* @text itself when it is clean, else its cleaned copy, kept in *@scratch (whose previous
 * content is freed) until the caller frees *@scratch. Costs no allocation for clean text. */
const char *cp_report_text (const char *text, char **scratch);

G_END_DECLS
