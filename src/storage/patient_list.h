#pragma once
/// The patient list: search by any part of the clinic ID or name (search_key.h), sort by any column,
/// read one page at a time. Backed by the patient table and patient_summary (patient_summary.h) with an index
/// per sort column, so a page of a 20,000-patient clinic is read in milliseconds in any order.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/asdas.h"
#include "core/patient.h"
#include "storage/database.h"

namespace ankylos::storage {

/// The columns the list sorts by.
enum class PatientSort {
    ClinicId,
    Name,
    Sex,
    Birth,
    Age,
    DiseaseDuration,
    LastVisit,
    LatestMsasss,
    LatestAsdas,
    Progressor
};

/// One line of the patient list.
struct PatientListRow {
    std::int64_t id = 0;
    std::string clinicId;
    std::string name;
    core::Sex sex = core::Sex::Male;
    core::Date birth;
    std::optional<core::Date> symptomOnset;
    std::optional<core::Date> lastVisit;
    std::optional<double> latestMsasss;
    std::optional<double> latestAsdas;
    std::optional<core::AsdasMarker> latestAsdasMarker;
    std::optional<core::AsdasState> latestAsdasState;
    std::optional<bool> progressor;  ///< nullopt: fewer than two films
};

class PatientList {
public:
    explicit PatientList(Database& db) : m_db(db) {}

    /// How many patients match what was typed (each word occurs in the clinic ID or name, without
    /// regard to case or diacritics); blank text matches everyone.
    int count(const std::string& typed) const;

    /// Rows offset .. offset + limit - 1 of the matching patients in that order. Ascending age means
    /// youngest first, ascending disease duration shortest first; ties go by patient, in the same
    /// direction, so pages never overlap.
    std::vector<PatientListRow> page(const std::string& typed, PatientSort sort, bool descending, int limit,
                                     int offset) const;

private:
    Database& m_db;
};

}  // namespace ankylos::storage
