/* cpv-credential-card.c — one credential's progress on the overview
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cpv-credential-card"

#include "config.h"

#include "cpv-credential-card.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cpv-progress-ring.h"
#include "cpv-status-labels.h"

/* A card copies what it shows out of the status when it is made: the status is replaced on
 * every change of the vault, and the overview then makes new cards. Every figure is the
 * status's own number, formatted as the CLI prints it; the card computes nothing but the
 * fraction a bar is filled to. */

struct _CpvCredentialCard
{
  GtkWidget        parent_instance;

  GtkWidget       *card_box;
  GtkLabel        *code_label;
  GtkLabel        *name_label;
  GtkLabel        *state_label;
  GtkWidget       *progress_box;
  CpvProgressRing *ring;
  GtkLabel        *ring_value_label;
  GtkLabel        *ring_caption_label;
  GtkLabel        *total_label;
  GtkLabel        *group_a_title;
  GtkLabel        *group_a_label;
  GtkLabel        *group_b_title;
  GtkLabel        *group_b_label;
  GtkProgressBar  *group_b_bar;
  GtkLabel        *days_label;
  GtkWidget       *pacing_box;
  GtkLabel        *pacing_title;
  GtkWidget       *requirements_box;
  GtkLabel        *carry_label;

  gint64           credential_id;
  GHashTable      *figures;          /* "kind" or "kind:year" -> GtkLabel showing the numbers */
};

G_DEFINE_FINAL_TYPE (CpvCredentialCard, cpv_credential_card, GTK_TYPE_WIDGET)

static char *
figure_key (const char *kind,
            int         year)
{
  return year > 0 ? g_strdup_printf ("%s:%d", kind, year) : g_strdup (kind);
}

static char *
format_figures (const CpvRequirement *requirement)
{
  g_autofree char *earned = cpv_format_credits (requirement->earned);
  g_autofree char *required = cpv_format_credits (requirement->required);

  return g_strdup_printf ("%s / %s", earned, required);
}

static double
fill_fraction (const CpvRequirement *requirement)
{
  if (requirement == NULL)
    return 0;
  if (requirement->required <= 0)
    return requirement->earned > 0 || requirement->met ? 1 : 0;
  return CLAMP (requirement->earned / requirement->required, 0, 1);
}

static void
show_figure (CpvCredentialCard    *self,
             GtkLabel             *label,
             const CpvRequirement *requirement)
{
  g_autofree char *text = format_figures (requirement);

  gtk_label_set_label (label, text);
  g_hash_table_replace (self->figures, figure_key (requirement->kind, requirement->year), label);
}

/* A line for a requirement the ring does not show: title, figures, a met mark and a bar. */
/* "Group A related to ISSAP": the core names the concentration in its label. */
static char *
requirement_title (const CpvRequirement *requirement)
{
  const char *related = requirement->label != NULL ? strstr (requirement->label, "related to ")
                                                   : NULL;

  if (g_strcmp0 (requirement->kind, "concentration") == 0 && related != NULL)
    {
      g_autofree char *code = g_strndup (related + strlen ("related to "),
                                         strcspn (related + strlen ("related to "), " ("));

      /* TRANSLATORS: ISC2-CONC-1, e.g. "Group A related to ISSAP" */
      return g_strdup_printf (_("Group A related to %s"), code);
    }
  return cpv_requirement_title (requirement);
}

static void
add_requirement_row (CpvCredentialCard    *self,
                     GtkWidget            *box,
                     const CpvRequirement *requirement)
{
  g_autofree char *title = requirement_title (requirement);
  GtkWidget *row = gtk_grid_new ();
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *figures = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_grid_set_column_spacing (GTK_GRID (row), 8);
  gtk_grid_set_row_spacing (GTK_GRID (row), 4);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (title_label), 30);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_widget_add_css_class (figures, "numeric");
  gtk_widget_set_valign (figures, GTK_ALIGN_START);
  gtk_widget_set_valign (mark, GTK_ALIGN_START);
  if (requirement->met)
    {
      gtk_widget_add_css_class (mark, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Met"), -1);
    }
  else
    gtk_widget_set_opacity (mark, 0);   /* keeps the figures of every line aligned */
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fill_fraction (requirement));

  gtk_grid_attach (GTK_GRID (row), title_label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), figures, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), mark, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), bar, 0, 1, 3, 1);
  gtk_box_append (GTK_BOX (box), row);

  show_figure (self, GTK_LABEL (figures), requirement);
}

static void
show_dates (CpvCredentialCard         *self,
            const CpvCredentialStatus *status,
            CpvDay                     on)
{
  g_autofree char *text = NULL;
  g_autofree char *start = cpv_day_format (status->cycle_start);
  g_autofree char *end = cpv_day_format (status->cycle_end);
  const CpvDeadline *deadline;

  switch (status->state)
    {
    case CPV_CREDENTIAL_STATE_GRACE:
      deadline = cpv_credential_status_get_deadline (status, "grace-end");
      if (deadline == NULL)
        deadline = cpv_credential_status_get_deadline (status, "restoration-limit");
      if (deadline != NULL)
        {
          g_autofree char *date = cpv_day_format (deadline->date);
          g_autofree char *relative = cpv_format_relative_day (deadline->date, on);

          /* TRANSLATORS: "The cycle ended on 2025-12-31. Grace period until 2026-03-31 (in
           * 20 days)." */
          text = g_strdup_printf (_("The cycle ended on %s. Grace period until %s (%s)."),
                                  end, date, relative);
        }
      break;
    case CPV_CREDENTIAL_STATE_SUSPENDED:
      deadline = cpv_credential_status_get_deadline (status, "termination");
      if (deadline != NULL)
        {
          g_autofree char *date = cpv_day_format (deadline->date);
          g_autofree char *relative = cpv_format_relative_day (deadline->date, on);

          text = g_strdup_printf (_("Suspended. Terminated on %s (%s) unless the requirement "
                                    "is met."), date, relative);
        }
      break;
    case CPV_CREDENTIAL_STATE_TERMINATED:
      text = g_strdup (_("Terminated. Reinstatement needs the credits the program states, or "
                         "a new examination."));
      break;
    case CPV_CREDENTIAL_STATE_ACTIVE:
    default:
      break;
    }

  if (text == NULL && status->cycle_start != 0 && status->cycle_end != 0)
    {
      g_autofree char *relative = cpv_format_relative_day (status->cycle_end, on);

      /* TRANSLATORS: "Cycle 2024-01-01 to 2026-12-31 · ends in 200 days" */
      text = g_strdup_printf (_("Cycle %s to %s · ends %s"), start, end, relative);
    }
  gtk_label_set_label (self->days_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->days_label), text != NULL);
}

static void
fill (CpvCredentialCard         *self,
      const CpvCredentialStatus *status,
      CpvDay                     on,
      const char                *name)
{
  const CpvRequirement *total = cpv_credential_status_get_requirement (status, "total", 0);
  const CpvRequirement *group_a = cpv_credential_status_get_requirement (status, "group-a", 0);
  const CpvRequirement *group_b = cpv_credential_status_get_requirement (status,
                                                                         "group-b-counted", 0);
  gboolean any_pacing = FALSE, annual_required = FALSE;

  self->credential_id = status->credential->id;

  gtk_label_set_label (self->code_label, status->credential->code);
  gtk_label_set_label (self->name_label, name);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL && *name != '\0');
  gtk_label_set_label (self->state_label, cpv_state_label (status->state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                            cpv_state_style_class (status->state));

  /* The ring: cycle total outside, Group A inside. */
  gtk_widget_set_visible (self->progress_box, total != NULL);
  if (total != NULL)
    {
      g_autofree char *earned = cpv_format_credits (total->earned);
      g_autofree char *required = cpv_format_credits (total->required);
      g_autofree char *caption = g_strdup_printf (_("of %s"), required);
      g_autofree char *description = NULL;

      cpv_progress_ring_set_fraction (self->ring, fill_fraction (total));
      cpv_progress_ring_set_show_inner (self->ring, group_a != NULL);
      cpv_progress_ring_set_inner_fraction (self->ring, fill_fraction (group_a));
      gtk_label_set_label (self->ring_value_label, earned);
      gtk_label_set_label (self->ring_caption_label, caption);
      description = g_strdup_printf (_("%s of %s credits in the cycle"), earned, required);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->ring),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      show_figure (self, self->total_label, total);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->group_a_label), group_a != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->group_a_title), group_a != NULL);
  if (group_a != NULL)
    show_figure (self, self->group_a_label, group_a);
  /* No Group B for Associates and CC (ISC2-GRP-1): the program counts at most 0. */
  if (group_b != NULL && group_b->required > 0)
    {
      show_figure (self, self->group_b_label, group_b);
      gtk_progress_bar_set_fraction (self->group_b_bar, fill_fraction (group_b));
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->group_b_title), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->group_b_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->group_b_bar), FALSE);
    }

  show_dates (self, status, on);

  /* Pacing per cycle year (ISC2-REQ-1), then everything else the program asks for. */
  for (guint i = 0; i < status->requirements->len; i++)
    {
      const CpvRequirement *requirement = g_ptr_array_index (status->requirements, i);

      if (g_strcmp0 (requirement->kind, "annual") == 0)
        {
          add_requirement_row (self, self->pacing_box, requirement);
          any_pacing = TRUE;
          if (requirement->label != NULL && strstr (requirement->label, "(required") != NULL)
            annual_required = TRUE;
        }
      else if (requirement != total && requirement != group_a && requirement != group_b)
        add_requirement_row (self, self->requirements_box, requirement);
    }
  gtk_label_set_label (self->pacing_title,
                       annual_required ? _("Required per Cycle Year")
                                       : _("Suggested Pacing per Cycle Year"));
  gtk_widget_set_visible (self->pacing_box, any_pacing);
  gtk_widget_set_visible (self->requirements_box,
                          gtk_widget_get_first_child (self->requirements_box) != NULL);

  /* Carry-over (ISC2-CARRY-1), shown where the CLI shows it. */
  if (status->known && status->kind == CPV_PROGRAM_KIND_CPE)
    {
      g_autofree char *carry_in = cpv_format_credits (status->carry_in);
      g_autofree char *carry_out = cpv_format_credits (status->carry_out);
      g_autofree char *text = g_strdup_printf (_("Carried in from the previous cycle: %s · "
                                                 "surplus that would carry over: %s"),
                                               carry_in, carry_out);

      gtk_label_set_label (self->carry_label, text);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->carry_label), FALSE);
}

static void
cpv_credential_card_dispose (GObject *object)
{
  CpvCredentialCard *self = CPV_CREDENTIAL_CARD (object);

  g_clear_pointer (&self->figures, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPV_TYPE_CREDENTIAL_CARD);

  G_OBJECT_CLASS (cpv_credential_card_parent_class)->dispose (object);
}

static void
cpv_credential_card_class_init (CpvCredentialCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpv_credential_card_dispose;

  g_type_ensure (CPV_TYPE_PROGRESS_RING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "credentialcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cpevault/CpeVault/cpv-credential-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, card_box);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, state_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, ring);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, ring_value_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, ring_caption_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, total_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, group_a_title);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, group_a_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, group_b_title);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, group_b_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, group_b_bar);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, days_label);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, pacing_box);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, pacing_title);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, requirements_box);
  gtk_widget_class_bind_template_child (widget_class, CpvCredentialCard, carry_label);
}

static void
cpv_credential_card_init (CpvCredentialCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * cpv_credential_card_new:
 * @status: one credential's status
 * @on: the day of the status (for "days left")
 * @name: the credential's name for people, or %NULL
 *
 * Returns: (transfer floating): a card showing @status; it keeps no pointer into @status
 */
GtkWidget *
cpv_credential_card_new (const CpvCredentialStatus *status,
                         CpvDay                     on,
                         const char                *name)
{
  CpvCredentialCard *self;

  g_return_val_if_fail (status != NULL, NULL);

  self = g_object_new (CPV_TYPE_CREDENTIAL_CARD, NULL);
  fill (self, status, on, name);
  return GTK_WIDGET (self);
}

gint64
cpv_credential_card_get_credential_id (CpvCredentialCard *self)
{
  g_return_val_if_fail (CPV_IS_CREDENTIAL_CARD (self), 0);
  return self->credential_id;
}

/**
 * cpv_credential_card_get_figure:
 * @kind: a requirement kind ("total", "group-a", "annual" ...)
 * @year: the cycle year for "annual", 0 otherwise
 *
 * Returns: (nullable): the figures shown for that requirement, "earned / required"
 */
const char *
cpv_credential_card_get_figure (CpvCredentialCard *self,
                                const char        *kind,
                                int                year)
{
  g_autofree char *key = NULL;
  GtkLabel *label;

  g_return_val_if_fail (CPV_IS_CREDENTIAL_CARD (self), NULL);

  key = figure_key (kind, year);
  label = g_hash_table_lookup (self->figures, key);
  return label != NULL ? gtk_label_get_label (label) : NULL;
}
