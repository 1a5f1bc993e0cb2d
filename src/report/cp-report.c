/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder translation unit until the first report lands (issue 3). */
#include "config.h"
