#include "demo/demo_cohort.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/validation.h"
#include "demo/patient_generator.h"
#include "storage/transaction.h"

namespace ankylos::demo {

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
        total.newPatients += written.newPatients;
        total.visits += written.visits;
        total.films += written.films;
        total.readings += written.readings;
        total.treatments += written.treatments;
        total.ctScans += written.ctScans;
        total.ctReadings += written.ctReadings;
        if (progress && !progress(std::min(start + batch, end) - first))
            return std::nullopt;  // the transaction rolls back: nothing of the demo stays
    }
    whole.commit();
    return total;
}

}  // namespace ankylos::demo
