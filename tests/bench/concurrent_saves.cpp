/// Concurrency benchmark (run by .ci/benchmark, not a test): CLIENTS workstations saving visits into one
/// database for SECONDS, each on a connection of its own, as fast as they can; prints how many saves
/// were committed and their latency (p50, p95, max), then checks that every save a client saw
/// committed is in the database exactly once, that no refused save left a row, and that the audit
/// trail verifies.
///
///   concurrent_saves LOCATION [SECONDS=60] [CLIENTS=10]
///
/// LOCATION: a demo cohort (`ankylos-cli demo`, seed 1), a file or a postgresql:// URI. Each client
/// saves to 50 patients of its own, one new visit at a time: a copy of the patient's last demo visit
/// dated a day earlier each round. Exit status 0 when nothing was lost or duplicated, 1 otherwise.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/validation.h"
#include "demo/demo_cohort.h"
#include "storage/audit.h"
#include "storage/database.h"
#include "storage/errors.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/visit_repository.h"

namespace {

using namespace ankylos;
using Clock = std::chrono::steady_clock;

constexpr int kPatientsPerClient = 50;

struct Save {
    std::int64_t patientId = 0;
    core::Date date;
    std::int64_t visitId = 0;
};

struct ClientResult {
    std::vector<Save> committed;
    std::vector<double> latenciesMs;  ///< of every save, committed or refused
    int refused = 0;                  ///< validation (a date the patient already has) or a busy database
    std::string failure;              ///< an unexpected error that stopped the client
};

/// The patient's last demo visit, dated date.
core::Visit visitOn(const storage::PatientSummary& patient, core::Date date, core::Date today) {
    const int index = std::stoi(patient.clinicId.substr(3)) - 1;  // "AS-000001" is index 0
    core::Visit visit = demo::demoPatient(1, index, today).visits.back();
    visit.date = date;
    for (core::LabValue& lab : visit.labs)
        lab.sampleDate = date;
    return visit;
}

void runClient(const std::string& location, int client, const std::vector<storage::PatientSummary>& patients,
               Clock::time_point end, ClientResult& result) {
    try {
        storage::Database db(location, "bench client " + std::to_string(client));
        storage::VisitRepository visits(db);
        const core::Date today = storage::localToday();
        for (int round = 0; Clock::now() < end; ++round) {
            const storage::PatientSummary& patient =
                patients[static_cast<std::size_t>(round) % patients.size()];
            const core::Date date =
                today - boost::gregorian::days(1 + round / static_cast<int>(patients.size()));
            const core::Visit visit = visitOn(patient, date, today);
            const Clock::time_point start = Clock::now();
            try {
                const std::int64_t id = visits.add(patient.id, visit, true);
                result.committed.push_back({patient.id, date, id});
            } catch (const core::ValidationError&) {
                ++result.refused;
            } catch (const storage::DatabaseBusy&) {
                ++result.refused;
            }
            result.latenciesMs.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
    } catch (const std::exception& e) {
        result.failure = e.what();
    }
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

/// Problems found: a committed save missing or stored twice, a patient with more visits than it had
/// plus those committed (a refused save left a row), an audit trail that does not verify.
std::vector<std::string> verify(storage::Database& db, const std::vector<ClientResult>& results,
                                const std::map<std::int64_t, std::size_t>& visitsBefore) {
    std::vector<std::string> problems;
    std::map<std::int64_t, std::size_t> expected = visitsBefore;
    storage::VisitRepository visits(db);
    for (const ClientResult& result : results)
        for (const Save& save : result.committed) {
            ++expected[save.patientId];
            if (visits.idOf(save.patientId, save.date) != save.visitId)
                problems.push_back("visit " + std::to_string(save.visitId) +
                                   " was committed but is not stored");
            int inserts = 0;
            for (const storage::AuditRow& row : storage::auditRowsFor(db, "visit", save.visitId))
                inserts += row.action == "insert";
            if (inserts != 1)
                problems.push_back("visit " + std::to_string(save.visitId) + " has " +
                                   std::to_string(inserts) + " insert rows in the audit trail");
        }
    storage::HistoryReader reader(db);
    for (const auto& [patientId, count] : expected) {
        const std::size_t stored = reader.load(patientId)->visits.size();
        if (stored != count)
            problems.push_back("patient " + std::to_string(patientId) + " has " + std::to_string(stored) +
                               " visits, expected " + std::to_string(count));
    }
    for (const std::string& problem : storage::verifyAuditTrail(db))
        problems.push_back(problem);
    return problems;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: concurrent_saves LOCATION [SECONDS=60] [CLIENTS=10]\n");
        return 2;
    }
    const std::string location = argv[1];
    const int seconds = argc > 2 ? std::stoi(argv[2]) : 60;
    const int clients = argc > 3 ? std::stoi(argv[3]) : 10;
    try {
        storage::Database db(location, "bench");
        db.checkBeforeWriting();  // once, not in every client's first save
        const std::vector<storage::PatientSummary> all =
            storage::PatientRepository(db).search("", clients * kPatientsPerClient);
        if (all.size() < static_cast<std::size_t>(clients * kPatientsPerClient))
            throw std::runtime_error("the database has fewer than " +
                                     std::to_string(clients * kPatientsPerClient) + " patients");
        std::map<std::int64_t, std::size_t> visitsBefore;
        storage::HistoryReader reader(db);
        for (const storage::PatientSummary& patient : all)
            visitsBefore[patient.id] = reader.load(patient.id)->visits.size();

        std::vector<ClientResult> results(static_cast<std::size_t>(clients));
        std::vector<std::thread> threads;
        const Clock::time_point end = Clock::now() + std::chrono::seconds(seconds);
        for (int c = 0; c < clients; ++c)
            threads.emplace_back([&, c] {
                const auto first = all.begin() + c * kPatientsPerClient;
                runClient(location, c, {first, first + kPatientsPerClient}, end,
                          results[static_cast<std::size_t>(c)]);
            });
        for (std::thread& thread : threads)
            thread.join();

        std::vector<double> latencies;
        std::size_t committed = 0;
        int refused = 0;
        for (const ClientResult& result : results) {
            if (!result.failure.empty())
                std::printf("a client stopped: %s\n", result.failure.c_str());
            latencies.insert(latencies.end(), result.latenciesMs.begin(), result.latenciesMs.end());
            committed += result.committed.size();
            refused += result.refused;
        }
        std::printf("%d clients, %d s: %zu saves committed (%.1f/s), %d refused\n", clients, seconds,
                    committed, static_cast<double>(committed) / seconds, refused);
        std::printf("save latency: p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 < 100 ms)\n",
                    percentile(latencies, 0.5), percentile(latencies, 0.95),
                    latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end()));
        const std::vector<std::string> problems = verify(db, results, visitsBefore);
        for (const std::string& problem : problems)
            std::printf("PROBLEM: %s\n", problem.c_str());
        std::printf("verified: %zu committed saves, %s\n", committed,
                    problems.empty() ? "0 lost, 0 duplicated, audit trail intact" : "PROBLEMS above");
        return problems.empty() ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "concurrent_saves: %s\n", e.what());
        return 2;
    }
}
