/* SPDX-License-Identifier: GPL-3.0-or-later */
/* During the move to one folder per domain only: include "cp-facility-rules.h". */
#pragma once

#include "cp-facility-rules.h"
