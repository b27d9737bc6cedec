#include "demo/demo_cohort.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/validation.h"
#include "demo/patient_generator.h"
#include "storage/patient_repository.h"
#include "storage/transaction.h"
#include "storage/treatment_repository.h"

namespace ankylos::demo {

namespace {

/// The treatment courses of a batch, through the treatment repository (validated, with audit rows):
/// the history import writes patients, visits and films. A patient whose course is stored already
/// (an import that learned to write courses) is left as it is.
void writeTreatmentCourses(storage::Database& db, const std::vector<core::PatientHistory>& histories) {
    storage::PatientRepository patients(db);
    storage::TreatmentRepository treatments(db);
    for (const core::PatientHistory& history : histories) {
        if (history.treatments.empty())
            continue;
        const std::optional<std::int64_t> id = patients.idOf(history.patient.clinicId);
        if (!id || !treatments.forPatient(*id).empty())
            continue;
        for (const core::TreatmentEpisode& episode : history.treatments)
            treatments.add(*id, episode);
    }
}

}  // namespace

core::PatientHistory demoPatient(std::uint64_t seed, int index, core::Date today) {
    if (index < 0)
        throw core::ValidationError("demo patient index", std::to_string(index), "0 or more");
    return PatientGenerator(seed, index, today).generate();
}

std::optional<storage::ImportSummary> writeDemoCohort(storage::Database& db, std::uint64_t seed, int first,
                                                      int end, core::Date today, int batch,
                                                      const std::function<bool(int)>& progress) {
    storage::ImportSummary total;
    storage::Transaction whole(db);  // importHistories' own transactions nest in it as savepoints
    for (int start = first; start < end; start += batch) {
        std::vector<core::PatientHistory> histories;
        for (int i = start; i < std::min(start + batch, end); ++i)
            histories.push_back(demoPatient(seed, i, today));
        const storage::ImportSummary written =
            storage::importHistories(db, histories, true, "demo cohort, seed " + std::to_string(seed));
        writeTreatmentCourses(db, histories);
        total.newPatients += written.newPatients;
        total.visits += written.visits;
        total.films += written.films;
        total.readings += written.readings;
        if (progress && !progress(std::min(start + batch, end) - first))
            return std::nullopt;  // the transaction rolls back: nothing of the demo stays
    }
    whole.commit();
    return total;
}

}  // namespace ankylos::demo
