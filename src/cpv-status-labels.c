/* cpv-status-labels.c — words for people for what the status engine reports
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-status-labels"

#include "config.h"

#include "cpv-status-labels.h"

#include <glib/gi18n.h>
#include <string.h>

/* The core reports stable keys (state, requirement and deadline kinds, rule tags); the words
 * shown for them are here, translatable, in the seed documents' own Japanese terms. The
 * numbers are never touched: they are formatted exactly as `cpe-vault-cli status` prints them
 * (two decimals). */

typedef struct
{
  const char *key;
  const char *text;
} Label;

static const char *
lookup (const Label *labels,
        gsize        n_labels,
        const char  *key)
{
  if (key == NULL)
    return NULL;
  for (gsize i = 0; i < n_labels; i++)
    if (strcmp (labels[i].key, key) == 0)
      return _(labels[i].text);
  return NULL;
}

const char *
cpv_state_label (CpvCredentialState state)
{
  switch (state)
    {
    case CPV_CREDENTIAL_STATE_GRACE:
      return _("Grace Period");
    case CPV_CREDENTIAL_STATE_SUSPENDED:
      return _("Suspended");
    case CPV_CREDENTIAL_STATE_TERMINATED:
      return _("Terminated");
    case CPV_CREDENTIAL_STATE_ACTIVE:
    default:
      return _("Active");
    }
}

/* A libadwaita colour class for the state chip. */
const char *
cpv_state_style_class (CpvCredentialState state)
{
  switch (state)
    {
    case CPV_CREDENTIAL_STATE_GRACE:
      return "warning";
    case CPV_CREDENTIAL_STATE_SUSPENDED:
    case CPV_CREDENTIAL_STATE_TERMINATED:
      return "error";
    case CPV_CREDENTIAL_STATE_ACTIVE:
    default:
      return "success";
    }
}

/**
 * cpv_rule_title:
 * @rule: a rule tag, e.g. "ISC2-CALC-3"
 *
 * Returns: (nullable): the rule's name for people, or %NULL for a tag this build does not know
 */
const char *
cpv_rule_title (const char *rule)
{
  static const Label rules[] = {
    { "ISC2-AMF-1", N_("Annual maintenance fee") },
    { "ISC2-AMF-2", N_("Annual maintenance fee") },
    { "ISC2-AMF-3", N_("Upgrade fee") },
    { "ISC2-CYCLE-1", N_("Certification cycle") },
    { "ISC2-REQ-1", N_("Annual recommended minimum") },
    { "ISC2-REQ-2", N_("Cycle requirement") },
    { "ISC2-CONC-1", N_("Concentrations and CISSP") },
    { "ISC2-CONC-2", N_("Concentration without CISSP") },
    { "ISC2-GRP-1", N_("Group B does not apply") },
    { "ISC2-GRP-2", N_("Group per credential") },
    { "ISC2-CALC-1", N_("Credits per hour") },
    { "ISC2-CALC-2", N_("Credits in steps of 0.25") },
    { "ISC2-CALC-3", N_("Credits per activity, at most") },
    { "ISC2-CALC-4", N_("No credits for ordinary work") },
    { "ISC2-CALC-5", N_("Cycle of a multi-day activity") },
    { "ISC2-CALC-6", N_("Credits for several credentials") },
    { "ISC2-CALC-7", N_("Credits added by ISC2 during the grace period") },
    { "ISC2-CALC-8", N_("Duplicate entry") },
    { "ISC2-CAT-1", N_("Category maximum") },
    { "ISC2-PARTNER-1", N_("Credits from CPE partners") },
    { "ISC2-AUDIT-1", N_("CPE audit") },
    { "ISC2-AUDIT-2", N_("What an audit asks for") },
    { "ISC2-REC-1", N_("Acceptable proof") },
    { "ISC2-REC-2", N_("Proof of possession") },
    { "ISC2-REC-3", N_("Keeping proof of credits") },
    { "ISC2-REC-4", N_("Description of at most 250 words") },
    { "ISC2-APPEAL-1", N_("Appeal") },
    { "ISC2-CARRY-1", N_("Carry-over of CPE credits") },
    { "ISC2-GRACE-1", N_("Grace period") },
    { "ISC2-SUSP-1", N_("Suspension") },
    { "ISC2-SUSP-2", N_("Termination") },
    { "ISC2-SUSP-3", N_("Appeal of a suspension") },
    { "ISC2-REINST-1", N_("Reinstatement") },
    { "JRCA-GRADE-1", N_("Grade and its deadlines") },
    { "JRCA-DATE-1", N_("Application window") },
    { "JRCA-DATE-2", N_("Restoration limit") },
    { "JRCA-DATE-3", N_("Deadlines after an upgrade") },
    { "JRCA-DAYS-1", N_("Audit days") },
    { "JRCA-DAYS-2", N_("Audit days in combined audits") },
    { "JRCA-OBS-1", N_("Observer participation") },
    { "JRCA-5A", N_("Valid audit record (form 5A)") },
    { "JRCA-5D", N_("Audit records (form 5D)") },
    { "JRCA-UPGRADE-1", N_("Upgrade requirements") },
    { "JRCA-UPGRADE-2", N_("Relaxed upgrade requirements") },
    { "JRCA-MAINT-1", N_("Maintenance requirement") },
    { "JRCA-RENEW-1", N_("Renewal requirement") },
    { "JRCA-RENEW-2", N_("Renewal requirement") },
    { "JRCA-RENEW-3", N_("Renewal requirement") },
    { "JRCA-EXPERT-1", N_("Expert auditor requirement") },
    { "JRCA-EXPERT-2", N_("Teaching as audit records") },
    { "JRCA-CPD-1", N_("CPD period") },
    { "JRCA-CPD-2", N_("CPD evidence") },
    { "JRCA-CPD-3", N_("CPD description") },
    { "JRCA-HIST-1", N_("Work history") },
    { "JRCA-SECTOR-1", N_("Business sectors") },
    { "CPV-CATEGORY", N_("Unknown category") },
    { "CPV-RULES", N_("No requirement stated") },
    { "CPV-PROGRAM", N_("Unknown credential program") },
  };

  return lookup (rules, G_N_ELEMENTS (rules), rule);
}

/**
 * cpv_deadline_title:
 * @deadline: a deadline of the status
 * @repeated_kind: %TRUE for the second deadline of the same kind of one credential (the
 *   restoration limit with a documented reason, the previous cycle's retention)
 */
const char *
cpv_deadline_title (const CpvDeadline *deadline,
                    gboolean           repeated_kind)
{
  static const Label kinds[] = {
    { "cycle-end", N_("End of the certification cycle") },
    { "grace-end", N_("End of the grace period") },
    { "termination", N_("Termination after suspension") },
    { "amf-due", N_("Annual maintenance fee due") },
    { "retention-until", N_("Keep the proof of credits until") },
    { "audit-response", N_("Audit response due") },
    { "appeal", N_("Last day to appeal") },
    { "maintenance", N_("Maintenance deadline") },
    { "application-window", N_("Applications accepted from") },
    { "restoration-limit", N_("Restoration limit") },
    { "expiry", N_("Expiry date") },
  };
  const char *title;

  g_return_val_if_fail (deadline != NULL, NULL);

  if (repeated_kind && g_strcmp0 (deadline->kind, "restoration-limit") == 0)
    return _("Restoration limit with a documented reason");
  if (repeated_kind && g_strcmp0 (deadline->kind, "retention-until") == 0)
    return _("Keep the proof of the previous cycle until");
  if (g_strcmp0 (deadline->kind, "amf-due") == 0 && deadline->label != NULL &&
      g_str_has_prefix (deadline->label, "Upgrade fee"))
    return _("Upgrade fee due");
  title = lookup (kinds, G_N_ELEMENTS (kinds), deadline->kind);
  if (title != NULL)
    return title;
  return deadline->label != NULL ? deadline->label : deadline->kind;
}

/**
 * cpv_deadline_title_in_state:
 * @state: the state of the deadline's credential
 *
 * Like cpv_deadline_title(), but while the credential is active its grace period is said to
 * be a fallback only.
 */
const char *
cpv_deadline_title_in_state (const CpvDeadline  *deadline,
                             CpvCredentialState  state,
                             gboolean            repeated_kind)
{
  g_return_val_if_fail (deadline != NULL, NULL);

  if (state == CPV_CREDENTIAL_STATE_ACTIVE && g_strcmp0 (deadline->kind, "grace-end") == 0)
    return _("End of the grace period, if the cycle ends unmet");
  return cpv_deadline_title (deadline, repeated_kind);
}

/**
 * cpv_requirement_title:
 *
 * Returns: (transfer full): e.g. "Group A", "Year 2"
 */
char *
cpv_requirement_title (const CpvRequirement *requirement)
{
  static const Label kinds[] = {
    { "total", N_("Cycle total") },
    { "group-a", N_("Group A") },
    { "group-b-counted", N_("Group B counted") },
    { "concentration", N_("Group A related to the concentration") },
    { "maintenance-audits", N_("ISMS audit records since the last application") },
    { "renewal-audits", N_("ISMS audit records with evidence since the last renewal") },
    { "renewal-leader-audits", N_("Leader audit records with evidence since the last renewal") },
    { "renewal-isms-leader-audits", N_("ISMS leader audit records with evidence") },
    { "last-year-audits", N_("ISMS audit records in the most recent year") },
    { "cpd-hours", N_("CPD hours since the last application") },
    { "history-it-days", N_("Days of IT experience in the last 10 years") },
    { "history-security-days",
      N_("Days of information-security management experience in the last 10 years") },
    { "upgrade-days", N_("Upgrade to auditor: OJT on-site days") },
    { "upgrade-member-audits", N_("Upgrade to lead auditor: member audits") },
    { "upgrade-leader-audits", N_("Upgrade to lead auditor: OJT leader audits") },
    { "upgrade-leader-days", N_("Upgrade to lead auditor: on-site leader days") },
  };
  const char *title;

  g_return_val_if_fail (requirement != NULL, NULL);

  if (g_strcmp0 (requirement->kind, "annual") == 0)
    return g_strdup_printf (_("Year %d"), requirement->year);
  title = lookup (kinds, G_N_ELEMENTS (kinds), requirement->kind);
  if (title != NULL)
    return g_strdup (title);
  return g_strdup (requirement->label != NULL ? requirement->label : requirement->kind);
}

/**
 * cpv_format_credits:
 *
 * Returns: (transfer full): credits with two decimals, as `cpe-vault-cli status` prints them
 */
char *
cpv_format_credits (double credits)
{
  return g_strdup_printf ("%.2f", credits);
}

/**
 * cpv_format_amount:
 *
 * Returns: (transfer full): e.g. "USD 135.00"
 */
char *
cpv_format_amount (double      amount,
                   const char *currency)
{
  /* TRANSLATORS: a fee: the currency code, then the amount, e.g. "USD 135.00" */
  return g_strdup_printf (C_("amount", "%s %.2f"), currency != NULL ? currency : "", amount);
}

/**
 * cpv_format_relative_day:
 *
 * Returns: (transfer full): "today", "in 12 days" or "3 days ago"
 */
char *
cpv_format_relative_day (CpvDay day,
                         CpvDay today)
{
  gint64 days = (gint64) day - (gint64) today;

  if (days == 0)
    return g_strdup (_("today"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days),
                            (int) days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days),
                          (int) -days);
}

/**
 * cpv_translate_program_text:
 * @text: a name from a program file, in English
 *
 * The program files carry Japanese names too, but the core hands out the English ones; the
 * names of the shipped programs are translated here.
 *
 * Returns: the translated name, or @text
 */
const char *
cpv_translate_program_text (const char *text)
{
  static const char * const names[] = {
    N_("JRCA ISMS auditor"),
    N_("ISMS assistant auditor"),
    N_("ISMS auditor"),
    N_("ISMS lead auditor"),
    N_("ISMS expert auditor"),
    N_("Associate of ISC2"),
  };

  if (text == NULL)
    return "";
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i], text) == 0)
      return _(names[i]);
  return text;
}
