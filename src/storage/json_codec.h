#pragma once
/// Clinical records as JSON: the old and new values of audit rows, and the calculator/CLI output.

#include <nlohmann/json.hpp>

#include "core/patient_history.h"
#include "core/progression.h"
#include "storage/json_writer.h"

namespace ankylos::storage {

nlohmann::json toJson(const core::Patient& patient);
nlohmann::json toJson(const core::Visit& visit);
nlohmann::json toJson(const core::Reading& reading);
/// A film row: its date (its readings are rows of their own).
nlohmann::json filmJson(core::Date date);
nlohmann::json toJson(const core::PelvicFilmReading& pelvic);
/// One reader's CTSS of a CT scan: each scored quadrant by its ID, a grade or "NA:<reason>".
nlohmann::json toJson(const core::CtssReading& reading);
/// A CT scan row: its date, scanner and coverage (its readings are rows of their own).
nlohmann::json ctScanJson(const core::CtScan& scan);
nlohmann::json toJson(const core::TreatmentEpisode& episode);
/// A visit's ASAS core set (docs/methods.md 9) with only what was recorded; null when nothing was
/// (so that visits saved before version 9, whose audit rows have no "core_set", read the same).
nlohmann::json coreSetJson(const core::AsasCoreSet& items);
/// A whole history (patient, visits, films, pelvic films, treatment course, CT scans): what a patient
/// deletion removes.
nlohmann::json toJson(const core::PatientHistory& history);

/// A progression review's members in the documented `ankylos-cli calc progression` form, into the
/// object out has open: "pairs": [...], "progressor": ..., "settings": {...}, in this order.
void writeReviewMembers(JsonWriter& out, const core::ProgressionReview& review);

}  // namespace ankylos::storage
