#pragma once
/// What the patient report and the cohort summary share: who prints (clinic, date, style) and the
/// notes paragraph that states the rules and settings behind every number.

#include <string>
#include <vector>

#include "core/patient.h"
#include "core/settings.h"
#include "core/site_events.h"
#include "report/document.h"
#include "report/language.h"
#include "report/style.h"

namespace ankylos::report {

struct ReportContext {
    ReportStyle style;
    core::Date printed;     ///< the date printed on every page; also "today" for ages and durations
    std::string printedAt;  ///< "2026-12-02 14:05", local time, for the footer; empty: the date only
    std::string software;   ///< "Ankylos 1.4.0", for the footer and the PDF's creator
    Language language;      ///< every word of the report; numbers and dates are the same in all
};

/// The page header of a report titled title: the clinic, the dates and the software of context.
PageHeader pageHeader(const ReportContext& context, const std::string& title);

/// One short paragraph: mSASSS imputation threshold, the progression definition, the ASDAS
/// coefficient set and CRP floor, the BMD and reference-range rules, and every setting's value; each
/// rule names its section of docs/methods.md.
std::string rulesParagraph(const core::Settings& settings, const Language& language);

/// treatment.exposed_fraction as a share of the interval: "50 %".
std::string exposedShareText(const core::TreatmentSettings& settings);

/// The site events of a film pair, the counts every result states (docs/methods.md 1.4-1.5):
/// "0 new syndesmophytes, 2 new bridgings, 1 regression".
std::string siteEventsText(const core::FilmComparison& events, const Language& language);

/// The criteria of a progression verdict that fired (mSASSS or CTSS), each by core's label in
/// language, joined by ", ": "mSASSS change, new syndesmophyte".
template <typename Criterion>
std::string criteriaText(const std::vector<Criterion>& criteria, const Language& language) {
    std::string text;
    for (Criterion criterion : criteria)
        text += (text.empty() ? "" : ", ") + language.tr(label(criterion));  // core::label, found by ADL
    return text;
}

/// "7 (2024-05-01)": a value with the date it was measured.
std::string withDate(const std::string& value, core::Date date);

}  // namespace ankylos::report
