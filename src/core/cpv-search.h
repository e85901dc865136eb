/* cpv-search.h — full-text search over activities and the text of their evidence
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cpv-vault.h"

G_BEGIN_DECLS

#define CPV_SEARCH_ERROR (cpv_search_error_quark ())

/**
 * CpvSearchError:
 * @CPV_SEARCH_ERROR_UNREADABLE: the file says it is a PDF but poppler cannot read it
 *
 * Cancelled work reports %G_IO_ERROR_CANCELLED, as GIO does; what was indexed before stays.
 */
typedef enum
{
  CPV_SEARCH_ERROR_UNREADABLE,
} CpvSearchError;

/**
 * CpvSearchProgress:
 * @done: evidence items handled so far
 * @total: evidence items to handle
 * @user_data: the data given with the callback
 *
 * Called in the main context of the caller of cpv_search_reindex_async(), never after the
 * operation's cancellable was cancelled.
 */
typedef void (*CpvSearchProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

GQuark     cpv_search_error_quark             (void);

char      *cpv_search_extract_text            (GBytes               *bytes,
                                               const char           *media_type,
                                               GCancellable         *cancellable,
                                               GError              **error);
gboolean   cpv_search_query_has_cjk           (const char           *query);

gboolean   cpv_search_index_evidence          (CpvVault             *vault,
                                               gint64                evidence_id,
                                               GCancellable         *cancellable,
                                               GError              **error);
void       cpv_search_index_evidence_async    (CpvVault             *vault,
                                               gint64                evidence_id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean   cpv_search_index_evidence_finish   (CpvVault             *vault,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean   cpv_search_evidence_is_indexed     (CpvVault             *vault,
                                               gint64                evidence_id,
                                               GError              **error);

void       cpv_search_reindex_async           (CpvVault             *vault,
                                               gboolean              only_missing,
                                               CpvSearchProgress     progress,
                                               gpointer              progress_data,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
guint      cpv_search_reindex_finish          (CpvVault             *vault,
                                               GAsyncResult         *result,
                                               GError              **error);

GArray    *cpv_search_activities              (CpvVault             *vault,
                                               const char           *query,
                                               GError              **error);

G_END_DECLS
