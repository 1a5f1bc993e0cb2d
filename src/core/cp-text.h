/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text and numbers as people type them, shared by the importer and the dialogs: which characters
 * a name may hold, how a value is shown inside a one-line message, and plain decimal numbers. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What makes a text unfit to be stored (and later written into a workbook or a report). */
typedef enum
{
  CP_TEXT_OK,
  CP_TEXT_NOT_UTF8,     /* bytes that are not UTF-8 (e.g. a row saved in GB18030) */
  CP_TEXT_SURROGATE,    /* a UTF-16 surrogate encoded on its own (U+D800..U+DFFF) */
  CP_TEXT_LINE_BREAK,   /* U+000A, U+000D, U+0085, U+2028, U+2029: a name is one line */
  CP_TEXT_CONTROL,      /* other C0 and C1 control characters and DEL; tab is allowed */
  CP_TEXT_INVISIBLE,    /* U+FEFF, U+200B and the bidirectional controls (U+200E.., U+202A..) */
  CP_TEXT_NONCHARACTER, /* U+FDD0..U+FDEF and the last two code points of every plane */
} CpTextProblem;

/* The first problem of @text (@length bytes, or -1 when NUL-terminated), CP_TEXT_OK when there
 * is none. A tab is allowed: spreadsheets put one before a value to keep it text (e.g. "\t=1+1"),
 * and it is stored as it is. @out_char (optional) gets the offending code point, or for
 * CP_TEXT_NOT_UTF8 the first bad byte; @out_position (optional) the 1-based character position
 * where it is. */
CpTextProblem cp_text_find_problem (const char *text,
                                    gssize length,
                                    gunichar *out_char,
                                    glong *out_position);

/* FALSE with CP_ERROR_INVALID when @text has a problem of cp_text_find_problem(). The message is
 * a clause to follow the field's name, e.g. "contains an invisible control character (U+000C)
 * at position 3; remove it". */
gboolean cp_text_check (const char *text, gssize length, GError **error);

/* @text made fit for a one-line message: line breaks shown as ⏎, a tab as ⇥, other problem
 * characters as <U+000C> and bytes that are not UTF-8 as <0xB2>; at most 40 characters, then
 * "…". */
char *cp_text_quote (const char *text, gssize length);

#define CP_TEXT_QUOTE_MAX_CHARS 40

/* Whether @text (valid UTF-8, or NULL) is empty or only white space. */
gboolean cp_text_is_blank (const char *text);

typedef enum
{
  CP_NUMBER_DECIMAL = 0,         /* digits with at most one decimal point */
  CP_NUMBER_WHOLE = 1 << 0,      /* a whole number ("1200", also "1,200" and "1200.0") */
  CP_NUMBER_AREA_UNIT = 1 << 1,  /* may end in 平方米, 平米, m2 or ㎡ (250㎡, "250 平方米") */
} CpNumberFlags;

/* Parses a plain decimal number as a Chinese keyboard types it: full-width digits, point, comma
 * and minus (２５０．５, －５) count as their ASCII twins, the ideographic full stop 。 of Chinese
 * punctuation mode as a point and the minus sign − as a minus; white space at either end is
 * ignored, a leading + or - is allowed (the caller judges a negative value).
 * The comma, one rule for the dialogs and the imports:
 * - with a point, commas separate thousands in groups of three ("1,234.5");
 * - several commas separate thousands in groups of three ("12,345,678");
 * - a single comma and no point is a decimal comma ("250,5", "1,25", "1250,500"), unless one to
 *   three digits stand before it and exactly three after it ("1,250"): that is a thousands
 *   separator in a whole number (CP_NUMBER_WHOLE: households, a CSV's counts) and refused as
 *   ambiguous in a decimal ("1,250" could mean 1250 or 1.250; the message says to write either).
 * Everything else is refused: words, spaces inside the number, hexadecimal ("0x10"); "nan",
 * "inf", "Infinity" and exponents ("1e3") with a message saying what they are. On failure @error
 * (CP_ERROR_INVALID) holds a clause to follow the value, e.g. "is not a number; write a plain
 * number such as 250.5". */
gboolean cp_parse_number (const char *text, CpNumberFlags flags, double *out_value, GError **error);

G_END_DECLS
