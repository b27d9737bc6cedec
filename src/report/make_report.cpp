#include "report/make_report.h"

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "core/validation.h"
#include "report/patient_report.h"
#include "report/session_agreement_report.h"
#include "report/style.h"
#include "storage/audit.h"
#include "storage/history_reader.h"
#include "storage/patient_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/settings_store.h"
#include "storage/transaction.h"

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
    context.language = Language::load(options.language, options.languageField);
    return context;
}

Document patientDocument(storage::Database& db, std::int64_t patientId, const ReportContext& context) {
    const std::optional<core::PatientHistory> history = storage::HistoryReader(db).load(patientId);
    if (!history)
        throw core::ValidationError("patient", std::to_string(patientId),
                                    "a patient in " + db.file().string());
    return buildPatientReport(*history, storage::readSettings(db), context, storage::readDeviceLsc(db));
}

Document cohortDocument(storage::Database& db, const CohortFilter& filter, const ReportContext& context) {
    storage::HistoryReader histories(db, storage::HistoryParts::FirstAndLastVisits);
    return buildCohortReport(summarizeCohort(histories, filter, storage::readSettings(db), context.printed),
                             context);
}

Document sessionDocument(storage::Database& db, const std::string& name, const ReportContext& context) {
    const Language& language = context.language;
    storage::ReadingSessionRepository sessions(db);
    const storage::ReadingSession session = sessions.require(name);
    const core::Settings settings = storage::readSettings(db);
    const std::vector<std::string> primary = session.readersWithRole(core::ReadingRole::Primary);
    SessionAgreementPage page;
    page.session = session.name;
    page.blinding =
        language.tr(core::label(session.blinding.chronology)) + "; " +
        (session.blinding.identityHidden ? language.tr("identity hidden") : language.tr("identity shown"));
    for (const storage::SessionReader& reader : session.readers)
        page.readers.push_back(reader.reader + " (" + language.tr(core::label(reader.role)) + ")");
    page.films = static_cast<int>(session.films.size());
    page.agreement = core::assessSessionAgreement(sessions.patients(session), primary, settings);
    for (const storage::WorklistItem& item : sessions.worklist(session, primary.front(), settings))
        page.codes[{item.clinicId, item.filmDate}] = item.code;
    return buildSessionAgreementReport(page, context);
}

}  // namespace

LaidOutDocument makeReport(storage::Database& db, const ReportSubject& subject,
                           const ReportOptions& options) {
    const ReportContext context = contextFor(options);
    const Document document = subject.patientId          ? patientDocument(db, *subject.patientId, context)
                              : !subject.session.empty() ? sessionDocument(db, subject.session, context)
                                                         : cohortDocument(db, subject.filter, context);
    return layOut(document, context.style.paper, context.style.layoutStyle());
}

namespace {

/// The audit row of a patient's report leaving the program, inside the caller's transaction.
void appendReportAudit(storage::Database& db, std::int64_t patientId, ReportOutput output, int pages,
                       const std::string& file) {
    const auto stored = storage::PatientRepository(db).find(patientId);
    nlohmann::json values = {{"report", "patient report"},
                             {"output", output == ReportOutput::Print ? "print" : "pdf"},
                             {"clinic_id", stored ? stored->patient.clinicId : std::string()},
                             {"pages", pages}};
    if (!file.empty())
        values["file"] = std::filesystem::path(file).filename().string();
    storage::appendAudit(db, db.user(),
                         {"patient", patientId, storage::AuditAction::Export, nullptr, values, ""});
}

}  // namespace

void recordReportOutput(storage::Database& db, const ReportSubject& subject, ReportOutput output, int pages,
                        const std::string& file) {
    if (!subject.patientId)
        return;
    storage::Transaction transaction(db, storage::Writes::AuditRowOnly);
    appendReportAudit(db, *subject.patientId, output, pages, file);
    transaction.commit();
}

void writeReportPdf(storage::Database& db, const ReportSubject& subject, const LaidOutDocument& document,
                    const std::string& path, const files::OutputPolicy& policy) {
    if (!subject.patientId) {
        writePdf(document, path, policy);
        return;
    }
    // The row first (a database that may not be written refuses here, before any file exists), the
    // PDF next; a PDF that fails rolls the row back, a row that cannot be committed removes the PDF.
    storage::Transaction transaction(db, storage::Writes::AuditRowOnly);
    appendReportAudit(db, *subject.patientId, ReportOutput::Pdf, document.pageCount(), path);
    writePdf(document, path, policy);
    try {
        transaction.commit();
    } catch (...) {
        std::error_code ignored;  // the commit's failure is what the caller reports
        std::filesystem::remove(path, ignored);
        throw;
    }
}

std::filesystem::path suggestedPdfName(storage::Database& db, const ReportSubject& subject) {
    if (!subject.session.empty()) {
        std::string name = subject.session;
        std::replace_if(
            name.begin(), name.end(), [](char c) { return c == '/' || c == '\\' || c == ':' || c == ' '; },
            '_');
        return name + "-agreement.pdf";
    }
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
