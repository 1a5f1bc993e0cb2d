/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Closed vocabularies: the words of a kind, a status or a rule as the database stores them, as
 * import files may write them and as the program shows them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word of a closed vocabulary: the key stored in the database, the fixed Chinese label that
 * import files may use, and the English display name (translated through gettext). */
typedef struct
{
  const char *key;
  const char *zh_label;
  const char *display; /* marked with N_; show it translated with gettext */
} CpVocabulary;

/* Index of @text (a key, the Chinese label or the English display name, case-insensitive for
 * ASCII) in @vocabulary of @n words, or -1. A label may list alternatives after slashes, each
 * read alone too, and "X及以下" also reads X: "高中及以下/中专" reads 高中及以下, 高中 and 中专. */
int cp_vocabulary_lookup (const CpVocabulary *vocabulary, guint n, const char *text);

/* The translated display name of @index in @vocabulary. */
const char *cp_vocabulary_display (const CpVocabulary *vocabulary, guint n, int index);

/* Parses a yes/no cell: 是/否, yes/no, true/false, 1/0 (case-insensitive). */
gboolean cp_parse_yes_no (const char *text, gboolean *out_value);

/* Years the plan's data may name (the CHECK constraints of the schema say the same). */
#define CP_YEAR_MIN 1949
#define CP_YEAR_MAX 2100

G_END_DECLS
