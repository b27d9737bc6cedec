#include "report/make_report.h"

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "core/validation.h"
#include "report/patient_report.h"
#include "report/style.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/settings_store.h"

namespace ankylos::report {

namespace {

ReportContext contextFor(const ReportOptions& options) {
    ReportContext context;
    context.style = loadDefaultStyle();
    if (!options.clinicName.empty())
        context.style.clinicName = options.clinicName;
    if (options.paper)
        context.style.paper = *options.paper;
    const boost::posix_time::ptime now = boost::posix_time::second_clock::local_time();
    context.printed = options.printed ? *options.printed : now.date();
    const std::string clock = boost::posix_time::to_simple_string(now.time_of_day()).substr(0, 5);
    context.printedAt = core::toIsoString(context.printed) + " " + clock;
    context.software = std::string("Ankylos ") + ANKYLOS_VERSION;
    return context;
}

Document patientDocument(storage::Database& db, std::int64_t patientId, const ReportContext& context) {
    const std::optional<core::PatientHistory> history = storage::HistoryReader(db).load(patientId);
    if (!history)
        throw core::ValidationError("patient", std::to_string(patientId),
                                    "a patient in " + db.file().string());
    return buildPatientReport(*history, storage::readSettings(db), context);
}

Document cohortDocument(storage::Database& db, const CohortFilter& filter, const ReportContext& context) {
    storage::HistoryReader histories(db);
    return buildCohortReport(summarizeCohort(histories, filter, storage::readSettings(db)), context);
}

}  // namespace

LaidOutDocument makeReport(storage::Database& db, const ReportSubject& subject,
                           const ReportOptions& options) {
    const ReportContext context = contextFor(options);
    const Document document = subject.patientId ? patientDocument(db, *subject.patientId, context)
                                                : cohortDocument(db, subject.filter, context);
    return layOut(document, context.style.paper, context.style.layoutStyle());
}

std::filesystem::path suggestedPdfName(storage::Database& db, const ReportSubject& subject) {
    if (!subject.patientId)
        return "cohort-summary.pdf";
    const auto stored = storage::PatientRepository(db).find(*subject.patientId);
    std::string id = stored ? stored->patient.clinicId : "patient";
    // A clinic ID may hold characters a file name cannot.
    std::replace_if(
        id.begin(), id.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '_');
    return id + "-report.pdf";
}

}  // namespace ankylos::report
