/* cpv-jrca.h — JRCA ISMS auditor registration, audit and CPD records, and their rules
 *
 * Copyright 2026 The CPE Vault authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cpv-date.h"
#include "cpv-records.h"
#include "cpv-status-types.h"

G_BEGIN_DECLS

/* Source: JRCA AI340 rev.2 (seeds/004), digest RULES.md section 2. Everything in this header
 * except cpv_jrca_evaluate() is pure: no I/O, no vault, no clock. Dates are CpvDay (0 = not
 * given). "ISMS" in a record's management system is compared without regard to case.
 *
 * Rule tags used in findings: JRCA-OBS-1, JRCA-DAYS-1, JRCA-MAINT-1, JRCA-RENEW-1/2/3,
 * JRCA-EXPERT-1, JRCA-UPGRADE-1/2, JRCA-DATE-2, JRCA-CPD-1, JRCA-CPD-2, JRCA-GRADE-1,
 * JRCA-HIST-1, and
 * JRCA-5A (a form 5A field or its evidence, RULES.md 2.3) and JRCA-5D (form 5D marks, 2.5). */

/* JRCA-GRADE-1. Stable keys: "assistant", "auditor", "lead", "expert". */
typedef enum
{
  CPV_JRCA_GRADE_ASSISTANT,   /* 審査員補 */
  CPV_JRCA_GRADE_AUDITOR,     /* 審査員 */
  CPV_JRCA_GRADE_LEAD,        /* 主任審査員 */
  CPV_JRCA_GRADE_EXPERT,      /* エキスパート審査員 */
} CpvJrcaGrade;

/* The person's role on the audit team. Stable keys: "leader", "member", "ojt", "observer".
 * "ojt" is a team member under on-the-job training (form 5C's OJT mark); a leader record
 * made under an instructor's guidance is role "leader" with a form 3A confirmation. */
typedef enum
{
  CPV_JRCA_ROLE_LEADER,
  CPV_JRCA_ROLE_MEMBER,
  CPV_JRCA_ROLE_OJT,
  CPV_JRCA_ROLE_OBSERVER,     /* JRCA-OBS-1: never a valid audit record */
} CpvJrcaRole;

/* JRCA lead or expert auditor on the team (form 5A item 6). Keys: "none", "self", "other". */
typedef enum
{
  CPV_JRCA_TEAM_LEAD_NONE,
  CPV_JRCA_TEAM_LEAD_SELF,
  CPV_JRCA_TEAM_LEAD_OTHER,
} CpvJrcaTeamLead;

/* ISMS-specific roles performed (form 5C item 5). Bit values are stored in the vault: never
 * renumber. */
typedef enum
{
  CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN          = 1 << 0,  /* leader: scope and plan at start */
  CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW         = 1 << 1,
  CPV_JRCA_ISMS_ROLE_RISK_ASSESSMENT         = 1 << 2,
  CPV_JRCA_ISMS_ROLE_IMPLEMENTATION_EVAL     = 1 << 3,
  CPV_JRCA_ISMS_ROLE_AUDIT_REPORT            = 1 << 4,  /* leader: the formal report */
} CpvJrcaIsmsRoles;

#define CPV_JRCA_ISMS_ROLES_MEMBER_ALL (CPV_JRCA_ISMS_ROLE_DOCUMENT_REVIEW | \
                                        CPV_JRCA_ISMS_ROLE_RISK_ASSESSMENT | \
                                        CPV_JRCA_ISMS_ROLE_IMPLEMENTATION_EVAL | \
                                        CPV_JRCA_ISMS_ROLE_AUDIT_REPORT)
#define CPV_JRCA_ISMS_ROLES_LEADER_ALL (CPV_JRCA_ISMS_ROLES_MEMBER_ALL | \
                                        CPV_JRCA_ISMS_ROLE_SCOPE_AND_PLAN)

/* JRCA-CPD-2. Keys: "jrca-course", "iaf-body-training", "other-training", "self-study",
 * "audit-experience". */
typedef enum
{
  CPV_JRCA_CPD_JRCA_COURSE,        /* (1) JRCA-registered CPD course */
  CPV_JRCA_CPD_IAF_BODY_TRAINING,  /* (2) training by an IAF-accredited body for its auditors */
  CPV_JRCA_CPD_OTHER_TRAINING,     /* (3) other training, seminars, lectures */
  CPV_JRCA_CPD_SELF_STUDY,         /* (4) self-study */
  CPV_JRCA_CPD_AUDIT_EXPERIENCE,   /* (5) audit experience, assistant auditors only */
} CpvJrcaCpdKind;

typedef enum
{
  CPV_JRCA_PROCEDURE_NONE,         /* no deadline entered */
  CPV_JRCA_PROCEDURE_MAINTENANCE,  /* yearly surveillance, due on the maintenance deadline */
  CPV_JRCA_PROCEDURE_RENEWAL,      /* 3-yearly, due on the expiry date */
} CpvJrcaProcedure;

/* One registration (JRCA-GRADE-1, JRCA-DATE-1..3). */
typedef struct
{
  gint64        id;
  gint64        credential_id;
  CpvJrcaGrade  grade;
  char         *registration_number;
  CpvDay        maintenance_deadline;              /* 維持手続き期限日 */
  CpvDay        expiry_date;                       /* 有効期限日 */
  CpvDay        previous_maintenance_application;  /* JRCA's receipt date of the last one */
  CpvDay        previous_renewal_application;
  GStrv         other_lead_ms;      /* MS codes ("QMS", "EMS" …) where the person is a JRCA lead
                                     * auditor: JRCA-RENEW-3 and JRCA-UPGRADE-2 (1) */
  gboolean      reupgrade;          /* re-upgrade after a downgrade, JRCA-UPGRADE-2 (2) */
  CpvDay        downgrade_date;     /* when the downgrade took effect; 0 = not entered */
  gboolean      expert_only;        /* grade expert without another ISMS grade (JRCA-EXPERT-1) */
  CpvJrcaGrade  expert_kept_grade;  /* grade expert, not expert-only: the grade kept alongside,
                                     * whose maintenance and renewal rules apply */
  double        cpd_hours_required; /* yearly CPD hours JRCA asks of this person; the source
                                     * states none except expert-only (5 h): < 0 = not set */
  char         *applicant_name;     /* 氏名 as printed on forms 5C/5D; NULL = not entered */
} CpvJrcaRegistration;

typedef struct
{
  CpvDay date;
  double isms_hours;   /* on-site ISMS audit hours of that day; in a combined or integrated audit
                        * the person enters meetings in full plus the ISMS parts (JRCA-DAYS-2) */
} CpvJrcaAuditDay;

/* One audit record, form 5A (RULES.md 2.3). */
typedef struct
{
  gint64            id;
  gint64            credential_id;
  char             *organisation;         /* name showing the scope */
  char             *organisation_id;      /* certificate registration, case or application no. */
  char             *certification_body;   /* or auditing organisation */
  gboolean          body_iaf_accredited;  /* accredited by an IAF member (e.g. JAB) */
  char             *management_system;    /* "ISMS" or another MS code */
  char             *audit_type;           /* e.g. stage 2, recertification, surveillance; or NULL */
  CpvDay            onsite_start;
  CpvDay            onsite_end;
  GArray           *days;                 /* of CpvJrcaAuditDay, in date order */
  gboolean          combined;             /* combined or integrated audit (JRCA-DAYS-2) */
  CpvJrcaRole       role;
  guint             isms_roles;           /* CpvJrcaIsmsRoles performed */
  char             *team_leader_name;     /* when the person is not the leader */
  CpvJrcaTeamLead   team_lead;
  char             *team_lead_number;     /* registration number of the other JRCA lead/expert */
  char             *team_lead_name;
  gboolean          attested_by_org;      /* management representative's signature or seal */
  gboolean          attested_by_body;
  gboolean          has_schedule;         /* audit schedule copy for each day */
  gboolean          has_report;           /* audit report copy (needed when not IAF-accredited) */
  gboolean          has_form_3a;          /* capability confirmation by a qualified instructor */
  gboolean          masked;               /* details in copies blacked out */
  char             *contact;              /* organisation's contact details (form 5D) */
} CpvJrcaAudit;

/* One CPD record, forms 4A and 4B. */
typedef struct
{
  gint64          id;
  gint64          credential_id;
  CpvDay          date;
  double          hours;
  CpvJrcaCpdKind  kind;
  char           *title;
  char           *provider;
  char           *purpose;          /* form 4B: 目的 */
  char           *learned;          /* form 4B: 習得内容 */
  gboolean        has_certificate;  /* (1) certificate marked "JRCA registered"; (2) certificate */
  gboolean        has_program;      /* (2) copy of the programme */
  gboolean        body_signature;   /* (2) the body's signature on form 4A instead of a cert */
  gboolean        has_schedule;     /* (5) audit schedule */
} CpvJrcaCpd;

/* Kinds of experience a period of work history shows (form 2B items 3 and 4). Bit values are
 * stored in the vault: never renumber. */
typedef enum
{
  CPV_JRCA_WORK_IT        = 1 << 0,  /* information technology (JRCA-HIST-1: 4 of 10 years) */
  CPV_JRCA_WORK_SECURITY  = 1 << 1,  /* information-security management (2 of 10 years) */
} CpvJrcaWorkKinds;

/* One period of work history, form 2B: split when the department or duties change. */
typedef struct
{
  gint64  id;
  gint64  credential_id;
  CpvDay  start;
  CpvDay  end;            /* 0 = current position: counted up to the application date */
  char   *organisation;
  char   *department;
  char   *duties;         /* 業務概要 */
  guint   kinds;          /* CpvJrcaWorkKinds */
} CpvJrcaWork;

/* One period of full-time work in a business sector of annex 3, form 2C (JRCA-SECTOR-1). */
typedef struct
{
  gint64    id;
  gint64    credential_id;
  guint     sector;       /* 1 … 39 (annex 3, IAF ID1) */
  CpvDay    start;
  CpvDay    end;          /* 0 = current: counted up to the day of the check */
  gboolean  full_time;    /* part-time and trainee work never counts */
  char     *organisation;
  char     *duties;
} CpvJrcaSectorWork;

/* Everything the rules need about one JRCA credential. */
typedef struct
{
  gint64               credential_id;
  CpvJrcaRegistration *registration;  /* NULL when not entered yet */
  GPtrArray           *audits;        /* of CpvJrcaAudit, owned */
  GPtrArray           *cpd;           /* of CpvJrcaCpd, owned */
  GPtrArray           *work;          /* of CpvJrcaWork, owned, newest first */
  GPtrArray           *sectors;       /* of CpvJrcaSectorWork, owned, by sector then start */
} CpvJrcaData;

/* One line of a check, turned into a CpvRequirement by cpv_jrca_evaluate(). */
typedef struct
{
  const char *kind;       /* static, stable lowercase key */
  double      required;
  double      earned;
  gboolean    met;
} CpvJrcaLine;

#define CPV_JRCA_MAX_LINES 6

typedef struct
{
  CpvJrcaLine lines[CPV_JRCA_MAX_LINES];
  guint       n_lines;
  gboolean    met;           /* every line met */
  gboolean    relaxed;       /* upgrade: the relaxed route (JRCA-UPGRADE-2) applies */
  CpvDay      window_start;  /* first day counted */
} CpvJrcaCheck;

#define CPV_JRCA_EXPERT_CPD_HOURS 5.0
/* JRCA-HIST-1 and JRCA-SECTOR-1 (seed 004 sections 2 h) and 14). A year of experience is 365
 * covered calendar days, so that any two whole calendar years reach 2 years. */
#define CPV_JRCA_HISTORY_WINDOW_YEARS 10
#define CPV_JRCA_HISTORY_IT_YEARS 4
#define CPV_JRCA_HISTORY_SECURITY_YEARS 2
#define CPV_JRCA_SECTOR_YEARS 2
#define CPV_JRCA_DAYS_PER_YEAR 365
#define CPV_JRCA_N_SECTORS 39
#define CPV_JRCA_TEACHING_FREE_INSTANCES 10
#define CPV_JRCA_TEACHING_MAX_LEADER_RECORDS 50

/* Keys and labels. from_key returns FALSE for an unknown key. */
const char     *cpv_jrca_grade_to_key            (CpvJrcaGrade          grade);
gboolean        cpv_jrca_grade_from_key          (const char           *key,
                                                  CpvJrcaGrade         *out_grade);
const char     *cpv_jrca_grade_label             (CpvJrcaGrade          grade);
const char     *cpv_jrca_role_to_key             (CpvJrcaRole           role);
gboolean        cpv_jrca_role_from_key           (const char           *key,
                                                  CpvJrcaRole          *out_role);
const char     *cpv_jrca_team_lead_to_key        (CpvJrcaTeamLead       team_lead);
gboolean        cpv_jrca_team_lead_from_key      (const char           *key,
                                                  CpvJrcaTeamLead      *out_team_lead);
const char     *cpv_jrca_cpd_kind_to_key         (CpvJrcaCpdKind        kind);
gboolean        cpv_jrca_cpd_kind_from_key       (const char           *key,
                                                  CpvJrcaCpdKind       *out_kind);

/* Records. */
CpvJrcaRegistration *cpv_jrca_registration_new   (void);
CpvJrcaRegistration *cpv_jrca_registration_copy  (const CpvJrcaRegistration *registration);
void            cpv_jrca_registration_free       (CpvJrcaRegistration  *registration);
CpvJrcaAudit   *cpv_jrca_audit_new               (void);
void            cpv_jrca_audit_add_day           (CpvJrcaAudit         *audit,
                                                  CpvDay                date,
                                                  double                isms_hours);
void            cpv_jrca_audit_free              (CpvJrcaAudit         *audit);
CpvJrcaCpd     *cpv_jrca_cpd_new                 (void);
void            cpv_jrca_cpd_free                (CpvJrcaCpd           *cpd);
CpvJrcaWork    *cpv_jrca_work_new                (void);
void            cpv_jrca_work_free               (CpvJrcaWork          *work);
CpvJrcaSectorWork *cpv_jrca_sector_work_new      (void);
void            cpv_jrca_sector_work_free        (CpvJrcaSectorWork    *sector_work);
CpvJrcaData    *cpv_jrca_data_new                (gint64                credential_id);
void            cpv_jrca_data_free               (CpvJrcaData          *data);

/* JRCA-DAYS-1: the credit of one audit day in tenths of a day: more than 6 h (and exactly 6 h)
 * is 10, fewer is hours / 6 truncated to one decimal. Hours are taken to the minute. */
guint           cpv_jrca_day_tenths              (double                hours);
double          cpv_jrca_day_credit              (double                hours);
/* The record's on-site days: the sum of its days' credits; no hours move between days. */
double          cpv_jrca_audit_days              (const CpvJrcaAudit   *audit);

gboolean        cpv_jrca_audit_is_isms           (const CpvJrcaAudit   *audit);
/* JRCA-OBS-1: an observer record never counts. */
gboolean        cpv_jrca_audit_is_valid_record   (const CpvJrcaAudit   *audit);
/* RULES.md 2.3: form 5A attested by the organisation, the schedule, and the report when the
 * body is not IAF-accredited. */
gboolean        cpv_jrca_audit_has_evidence      (const CpvJrcaAudit   *audit);
/* On-site from @from to @to inclusive (start on or after @from, end on or before @to). */
gboolean        cpv_jrca_audit_within            (const CpvJrcaAudit   *audit,
                                                  CpvDay                from,
                                                  CpvDay                to);
/* Form 5C's mark: every ISMS-specific role of the record's role was performed. */
gboolean        cpv_jrca_audit_all_isms_roles    (const CpvJrcaAudit   *audit);

/* JRCA-DATE-1: applications open 3 months before the maintenance deadline or expiry date. */
CpvDay          cpv_jrca_application_window_opens (CpvDay               due);
/* JRCA-DATE-2: 6 months after the due date; 3 more with a documented unavoidable reason. */
CpvDay          cpv_jrca_restoration_limit       (CpvDay                due,
                                                  gboolean              with_reason);
/* JRCA-DATE-3: an upgrade keeps the dates; an expert registration takes the existing ones. */
void            cpv_jrca_registration_upgrade    (CpvJrcaRegistration  *registration,
                                                  CpvJrcaGrade          new_grade);
void            cpv_jrca_registration_sync_expert (CpvJrcaRegistration *expert,
                                                  const CpvJrcaRegistration *existing);

/* The next procedure and its due date: renewal when the expiry date comes no later than the
 * maintenance deadline. */
CpvJrcaProcedure cpv_jrca_next_procedure         (const CpvJrcaRegistration *registration,
                                                  CpvDay               *out_due);
/* The grade whose maintenance and renewal rules apply (the kept grade of a non-exclusive expert
 * registration). */
CpvJrcaGrade    cpv_jrca_effective_grade         (const CpvJrcaRegistration *registration);
/* JRCA-MAINT-1 / JRCA-CPD-1: the later of the previous maintenance and renewal application
 * dates; 0 when neither is known. */
CpvDay          cpv_jrca_last_application        (const CpvJrcaRegistration *registration);

/* JRCA-CPD-1: CPD hours from @from to @to inclusive that count for @grade (JRCA-CPD-2: audit
 * experience only for assistant auditors). */
double          cpv_jrca_cpd_hours               (const CpvJrcaData    *data,
                                                  CpvJrcaGrade          grade,
                                                  CpvDay                from,
                                                  CpvDay                to);

/* The checks. @from is the start of the period (the last application date for maintenance,
 * the previous renewal application date for renewal), @on the application date. */
void            cpv_jrca_check_maintenance       (const CpvJrcaData    *data,
                                                  CpvDay                from,
                                                  CpvDay                on,
                                                  CpvJrcaCheck         *check);
void            cpv_jrca_check_renewal           (const CpvJrcaData    *data,
                                                  CpvDay                from,
                                                  CpvDay                last_year_from,
                                                  CpvDay                on,
                                                  CpvJrcaCheck         *check);
/* JRCA-UPGRADE-1/2 for the next grade up from assistant or auditor; FALSE for other grades. */
gboolean        cpv_jrca_upgrade_is_relaxed      (const CpvJrcaRegistration *registration,
                                                  CpvDay                on);
gboolean        cpv_jrca_check_upgrade           (const CpvJrcaData    *data,
                                                  CpvDay                on,
                                                  CpvJrcaCheck         *check);

/* JRCA-EXPERT-2: whether one coaching or teaching instance counts (on-site OJT coaching of a
 * valid audit of 6 h or more, or a lecture of 5 h or more), and how many leader audit records
 * @instances such instances stand for (those beyond 10, at most 50). */
gboolean        cpv_jrca_teaching_counts         (gboolean              onsite_coaching,
                                                  double                hours);
guint           cpv_jrca_teaching_leader_records (guint                 instances);

/* JRCA-HIST-1: days of IT and of information-security management experience within the 10
 * years up to @on (from the same day 10 years earlier, inclusive); overlapping periods count
 * once. Lines "history-it-days" (4 × 365) and "history-security-days" (2 × 365). @work is of
 * CpvJrcaWork. */
guint           cpv_jrca_work_days               (GPtrArray            *work,
                                                  guint                 kinds,
                                                  CpvDay                from,
                                                  CpvDay                on);
void            cpv_jrca_check_history           (GPtrArray            *work,
                                                  CpvDay                on,
                                                  CpvJrcaCheck         *check);
/* Form 2B lists the newest period first: sorts @work (of CpvJrcaWork) in place. */
void            cpv_jrca_work_sort_newest_first  (GPtrArray            *work);

/* JRCA-SECTOR-1: full-time days in @sector up to @on, counted once where that sector's periods
 * overlap each other, and not at all where they overlap a period listed for another sector
 * (seed 004 section 2 h): such a period is not full-time work in either. @sectors is of
 * CpvJrcaSectorWork. */
guint           cpv_jrca_sector_days             (GPtrArray            *sectors,
                                                  guint                 sector,
                                                  CpvDay                on);
/* TRUE when cpv_jrca_sector_days() reaches 2 × 365. */
gboolean        cpv_jrca_sector_qualifies        (GPtrArray            *sectors,
                                                  guint                 sector,
                                                  CpvDay                on);

/**
 * cpv_jrca_evaluate:
 * @data: the JRCA records of @credential
 * @credential: the credential they belong to
 * @on: the day to evaluate for, taken as the application date
 * @requirements: (element-type CpvRequirement): appended to
 * @deadlines: (element-type CpvDeadline): appended to
 * @findings: (element-type CpvFinding): appended to
 *
 * Appends the requirement lines of the next procedure (maintenance or renewal), the upgrade
 * lines for assistants and auditors, CPD hours where a number applies, the JRCA deadlines and
 * the findings about the records. The arrays must free their elements with
 * cpv_requirement_free(), cpv_deadline_free() and cpv_finding_free().
 */
void            cpv_jrca_evaluate                (const CpvJrcaData    *data,
                                                  CpvCredential        *credential,
                                                  CpvDay                on,
                                                  GPtrArray            *requirements,
                                                  GPtrArray            *deadlines,
                                                  GPtrArray            *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaRegistration, cpv_jrca_registration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaAudit, cpv_jrca_audit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaCpd, cpv_jrca_cpd_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaWork, cpv_jrca_work_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaSectorWork, cpv_jrca_sector_work_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpvJrcaData, cpv_jrca_data_free)

G_END_DECLS
