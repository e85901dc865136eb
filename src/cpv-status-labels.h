/* cpv-status-labels.h — words for people for what the status engine reports
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cpv-status.h"

G_BEGIN_DECLS

const char *cpv_state_label             (CpvCredentialState     state);
const char *cpv_state_style_class       (CpvCredentialState     state);
const char *cpv_rule_title              (const char            *rule);
const char *cpv_deadline_title          (const CpvDeadline     *deadline,
                                         gboolean               repeated_kind);
const char *cpv_deadline_title_in_state (const CpvDeadline     *deadline,
                                         CpvCredentialState     state,
                                         gboolean               repeated_kind);
char       *cpv_requirement_title       (const CpvRequirement  *requirement);
char       *cpv_format_credits          (double                 credits);
char       *cpv_format_amount           (double                 amount,
                                         const char            *currency);
char       *cpv_format_relative_day     (CpvDay                 day,
                                         CpvDay                 today);
const char *cpv_translate_program_text  (const char            *text);

G_END_DECLS
