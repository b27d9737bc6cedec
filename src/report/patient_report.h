#pragma once
/// The patient report: header, summary, course charts, tables (visits, films, progression review,
/// BMD, laboratory values) and the notes on rules and settings, as a Document. Every number comes
/// from core results (scoreVisit, reviewProgression, scoreFilm, classifyBmd, assessReference).

#include <vector>

#include "core/bmd.h"
#include "core/patient_history.h"
#include "core/settings.h"
#include "report/document.h"
#include "report/report_common.h"

namespace ankylos::report {

/// deviceLsc: the clinic's least significant change per DXA device and site, against which the BMD
/// change table gives its verdict (none: "significance unknown").
Document buildPatientReport(const core::PatientHistory& history, const core::Settings& settings,
                            const ReportContext& context, const std::vector<core::LscSetting>& deviceLsc = {});

}  // namespace ankylos::report
