#pragma once
/// The agreement page of a reading session (docs/methods.md 11): the session's blinding and readers,
/// the status and change agreement figures, Bland-Altman plots for two readers, each reader pair's
/// kappa and progressor agreement, and the discordant intervals with their adjudication, named by
/// film code only (the page names no patient and no date, so it can go to blinded readers). Every
/// figure comes from core::assessSessionAgreement.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/session_agreement.h"
#include "report/document.h"
#include "report/report_common.h"

namespace ankylos::report {

struct SessionAgreementPage {
    std::string session;
    std::string blinding;  ///< "paired by patient, order hidden; identity hidden", in the report's language
    std::vector<std::string> readers;  ///< "Reader A (primary reader)", in the report's language
    int films = 0;
    core::SessionAgreement agreement;
    /// (patient as the agreement names it, film date) -> the film's code in the session
    std::map<std::pair<std::string, core::Date>, std::string> codes;
};

/// The Bland-Altman plot of two readers' scores: each subject's difference (first - second) against
/// the mean of the two, with the mean difference and the limits of agreement.
std::vector<ChartHit> drawBlandAltman(cairo_t* cr, const core::CompleteSubjects& scores,
                                      const core::AgreementResult& result, const std::string& title,
                                      const Language& language, const Box& box);

Document buildSessionAgreementReport(const SessionAgreementPage& page, const ReportContext& context);

}  // namespace ankylos::report
