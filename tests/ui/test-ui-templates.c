/* test-ui-templates.c — every template widget instantiates cleanly
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each widget class with a GtkBuilder template is created once and destroyed, in a child
 * process with warnings and criticals fatal: a missing template child, a bad property, a
 * signal handler that does not exist, or a leftover child at dispose fails the test.
 */
#include "config.h"

#include <adwaita.h>

#include "cpv-activities-page.h"
#include "cpv-activity-editor.h"
#include "cpv-audit-dialog.h"
#include "cpv-audits-page.h"
#include "cpv-credential-card.h"
#include "cpv-credential-dialog.h"
#include "cpv-credentials-page.h"
#include "cpv-evidence-page.h"
#include "cpv-evidence-viewer.h"
#include "cpv-jrca-audit-editor.h"
#include "cpv-jrca-cpd-editor.h"
#include "cpv-jrca-files.h"
#include "cpv-jrca-page.h"
#include "cpv-jrca-period-editor.h"
#include "cpv-jrca-registration-editor.h"
#include "cpv-overview-page.h"
#include "cpv-pack-dialog.h"
#include "cpv-passphrase-dialog.h"
#include "cpv-preferences.h"
#include "cpv-retention-dialog.h"
#include "cpv-unlock-page.h"
#include "cpv-window.h"

typedef struct
{
  const char *name;
  GType     (*get_type) (void);
} TemplateType;

static const TemplateType template_types[] = {
  { "CpvActivitiesPage", cpv_activities_page_get_type },
  { "CpvActivityEditor", cpv_activity_editor_get_type },
  { "CpvAuditDialog", cpv_audit_dialog_get_type },
  { "CpvAuditsPage", cpv_audits_page_get_type },
  { "CpvCredentialCard", cpv_credential_card_get_type },
  { "CpvCredentialDialog", cpv_credential_dialog_get_type },
  { "CpvCredentialsPage", cpv_credentials_page_get_type },
  { "CpvEvidencePage", cpv_evidence_page_get_type },
  { "CpvEvidenceViewer", cpv_evidence_viewer_get_type },
  { "CpvJrcaAuditEditor", cpv_jrca_audit_editor_get_type },
  { "CpvJrcaCpdEditor", cpv_jrca_cpd_editor_get_type },
  { "CpvJrcaFiles", cpv_jrca_files_get_type },
  { "CpvJrcaPage", cpv_jrca_page_get_type },
  { "CpvJrcaPeriodEditor", cpv_jrca_period_editor_get_type },
  { "CpvJrcaRegistrationEditor", cpv_jrca_registration_editor_get_type },
  { "CpvOverviewPage", cpv_overview_page_get_type },
  { "CpvPackDialog", cpv_pack_dialog_get_type },
  { "CpvPassphraseDialog", cpv_passphrase_dialog_get_type },
  { "CpvPreferences", cpv_preferences_get_type },
  { "CpvRetentionDialog", cpv_retention_dialog_get_type },
  { "CpvUnlockPage", cpv_unlock_page_get_type },
  { "CpvWindow", cpv_window_get_type },
};

static void
instantiate (gconstpointer data)
{
  const TemplateType *type = data;

  if (g_test_subprocess ())
    {
      GObject *object;

      g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
      adw_init ();
      object = g_object_new (type->get_type (), NULL);
      if (GTK_IS_WINDOW (object))
        {
          gtk_window_present (GTK_WINDOW (object));
          while (g_main_context_pending (NULL))
            g_main_context_iteration (NULL, FALSE);
          gtk_window_destroy (GTK_WINDOW (object));
        }
      else
        {
          g_object_ref_sink (object);
          g_object_unref (object);
        }
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (template_types); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/templates/%s", template_types[i].name);

      g_test_add_data_func (path, &template_types[i], instantiate);
    }
  return g_test_run ();
}
