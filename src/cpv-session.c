/* cpv-session.c — what the window knows while a vault is unlocked
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-session"

#include "config.h"

#include "cpv-session.h"

#include "cpv-evidence.h"
#include "cpv-records.h"
#include "cpv-snapshot.h"

/* One session per unlocked vault. It owns the list models every page shows and the status
 * computed by the core, and reloads them when the vault reports a change. Locking ends the
 * session: cpv_session_close() empties every model and drops the status, so that no record
 * stays in memory once the vault is closed. Pages never query the vault for lists
 * themselves; they bind to these models. */

struct _CpvSession
{
  GObject             parent_instance;

  CpvVault           *vault;
  CpvProgramRegistry *registry;
  GListStore         *credentials;
  GListStore         *activities;
  GListStore         *evidence;
  CpvStatus          *status;
  gulong              changed_id;
};

G_DEFINE_FINAL_TYPE (CpvSession, cpv_session, G_TYPE_OBJECT)

enum {
  STATUS_CHANGED,
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
replace_all (GListStore *store,
             GPtrArray  *items)
{
  guint old_len = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_list_store_splice (store, 0, old_len, items ? items->pdata : NULL, items ? items->len : 0);
}

static void
report (CpvSession *self,
        GError     *error)
{
  g_signal_emit (self, signals[LOAD_FAILED], 0, error);
}

static void
reload_credentials (CpvSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cpv_vault_list_credentials (self->vault, &error);

  if (list == NULL)
    report (self, error);
  else
    replace_all (self->credentials, list);
}

static void
reload_activities (CpvSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cpv_vault_list_activities (self->vault, &error);

  if (list == NULL)
    report (self, error);
  else
    replace_all (self->activities, list);
}

static void
reload_evidence (CpvSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = cpv_vault_list_evidence (self->vault, 0, &error);

  if (list == NULL)
    report (self, error);
  else
    replace_all (self->evidence, list);
}

static void
recompute_status (CpvSession *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->status, cpv_status_free);
  if (self->vault == NULL || !cpv_vault_is_open (self->vault))
    return;
  /* The same function `cpe-vault-cli status` calls (audit deadlines and partner findings
   * included), so every figure on the overview matches the CLI. */
  self->status = cpv_vault_compute_status (self->vault, self->registry, cpv_day_today (),
                                           &error);
  if (self->status == NULL)
    {
      report (self, error);
      return;
    }
  g_signal_emit (self, signals[STATUS_CHANGED], 0);
}

static void
vault_changed_cb (CpvSession *self,
                  const char *what,
                  CpvVault   *vault)
{
  if (!cpv_vault_is_open (vault))
    return;

  if (g_strcmp0 (what, "credential") == 0)
    {
      reload_credentials (self);
      reload_activities (self);   /* credit lines to a removed credential are gone */
    }
  else if (g_strcmp0 (what, "activity") == 0)
    {
      reload_activities (self);
      reload_evidence (self);     /* removing an activity removes evidence only it used */
    }
  else if (g_strcmp0 (what, "evidence") == 0)
    {
      reload_evidence (self);
      reload_activities (self);   /* evidence counts */
    }
  else
    {
      cpv_session_reload (self);
      return;
    }
  recompute_status (self);
}

static void
cpv_session_dispose (GObject *object)
{
  CpvSession *self = (CpvSession *) object;

  cpv_session_close (self);
  g_clear_object (&self->registry);
  g_clear_object (&self->credentials);
  g_clear_object (&self->activities);
  g_clear_object (&self->evidence);

  G_OBJECT_CLASS (cpv_session_parent_class)->dispose (object);
}

static void
cpv_session_class_init (CpvSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cpv_session_dispose;

  /**
   * CpvSession::status-changed:
   *
   * The status (credits, deadlines, findings) was computed again.
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CpvSession::load-failed:
   * @error: what went wrong, written for people
   *
   * A list or the status could not be read (for example a damaged vault).
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cpv_session_init (CpvSession *self)
{
  self->credentials = g_list_store_new (CPV_TYPE_CREDENTIAL);
  self->activities = g_list_store_new (CPV_TYPE_ACTIVITY);
  self->evidence = g_list_store_new (CPV_TYPE_EVIDENCE);
}

/**
 * cpv_session_new:
 * @vault: an open vault
 * @registry: the loaded credential programs
 *
 * Returns: (transfer full): a session with its models loaded
 */
CpvSession *
cpv_session_new (CpvVault           *vault,
                 CpvProgramRegistry *registry)
{
  CpvSession *self;

  g_return_val_if_fail (CPV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (CPV_IS_PROGRAM_REGISTRY (registry), NULL);

  self = g_object_new (CPV_TYPE_SESSION, NULL);
  self->vault = g_object_ref (vault);
  self->registry = g_object_ref (registry);
  self->changed_id = g_signal_connect_swapped (vault, "changed",
                                               G_CALLBACK (vault_changed_cb), self);
  cpv_session_reload (self);
  return self;
}

CpvVault *
cpv_session_get_vault (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return self->vault;
}

CpvProgramRegistry *
cpv_session_get_registry (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return self->registry;
}

/**
 * cpv_session_get_credentials:
 *
 * Returns: (transfer none): a #GListModel of #CpvCredential, by id
 */
GListModel *
cpv_session_get_credentials (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->credentials);
}

/**
 * cpv_session_get_activities:
 *
 * Returns: (transfer none): a #GListModel of #CpvActivity, newest end date first
 */
GListModel *
cpv_session_get_activities (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->activities);
}

/**
 * cpv_session_get_evidence:
 *
 * Returns: (transfer none): a #GListModel of #CpvEvidence, oldest first
 */
GListModel *
cpv_session_get_evidence (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->evidence);
}

/**
 * cpv_session_get_status:
 *
 * Returns: (transfer none) (nullable): the status for today, the same the CLI's `status`
 *   prints; %NULL when it could not be computed
 */
CpvStatus *
cpv_session_get_status (CpvSession *self)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return self->status;
}

static gpointer
find_by_id (GListModel *model,
            gsize       id_offset,
            gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (G_STRUCT_MEMBER (gint64, item, id_offset) == id)
        return item;   /* the store keeps its own reference */
    }
  return NULL;
}

/**
 * cpv_session_find_activity:
 *
 * Returns: (transfer none) (nullable): the activity with that id in the session's model
 */
CpvActivity *
cpv_session_find_activity (CpvSession *self,
                           gint64      activity_id)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return find_by_id (G_LIST_MODEL (self->activities), G_STRUCT_OFFSET (CpvActivity, id),
                     activity_id);
}

/**
 * cpv_session_find_credential:
 *
 * Returns: (transfer none) (nullable): the credential with that id in the session's model
 */
CpvCredential *
cpv_session_find_credential (CpvSession *self,
                             gint64      credential_id)
{
  g_return_val_if_fail (CPV_IS_SESSION (self), NULL);
  return find_by_id (G_LIST_MODEL (self->credentials), G_STRUCT_OFFSET (CpvCredential, id),
                     credential_id);
}

/**
 * cpv_session_reload:
 *
 * Reads every list again and recomputes the status.
 */
void
cpv_session_reload (CpvSession *self)
{
  g_return_if_fail (CPV_IS_SESSION (self));

  if (self->vault == NULL || !cpv_vault_is_open (self->vault))
    return;
  reload_credentials (self);
  reload_activities (self);
  reload_evidence (self);
  recompute_status (self);
}

/**
 * cpv_session_close:
 *
 * Closes the vault and drops every record the session held. Safe to call twice.
 */
void
cpv_session_close (CpvSession *self)
{
  g_return_if_fail (CPV_IS_SESSION (self));

  if (self->vault != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->vault);
      cpv_vault_close (self->vault);
      g_clear_object (&self->vault);
    }
  if (self->credentials != NULL)
    g_list_store_remove_all (self->credentials);
  if (self->activities != NULL)
    g_list_store_remove_all (self->activities);
  if (self->evidence != NULL)
    g_list_store_remove_all (self->evidence);
  g_clear_pointer (&self->status, cpv_status_free);
  g_signal_emit (self, signals[STATUS_CHANGED], 0);
}
