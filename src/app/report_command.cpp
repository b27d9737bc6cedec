#include "app/report_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/open_database.h"
#include "core/validation.h"
#include "files/output_file.h"
#include "i18n/language.h"
#include "report/make_report.h"
#include "storage/patient_repository.h"

namespace ankylos::app {

namespace {

struct ReportArgs {
    std::string file;
    std::string patient;
    bool cohort = false;
    std::string session;
    std::string from;
    std::string to;
    std::string sex;
    std::string hlaB27;
    std::string progressor;
    std::string out;
    std::string paper;
    std::string clinic;
    std::string user;
    std::string language;
    bool force = false;
};

report::CohortFilter parseFilter(const ReportArgs& args) {
    report::CohortFilter filter;
    if (!args.from.empty())
        filter.from = core::parseIsoDate(args.from, "--from");
    if (!args.to.empty())
        filter.to = core::parseIsoDate(args.to, "--to");
    if (filter.from && filter.to && *filter.from > *filter.to)
        throw core::ValidationError("--to", args.to, "a date on or after --from " + args.from);
    if (!args.sex.empty())
        filter.sex = core::parseSex(args.sex, "--sex");
    if (!args.hlaB27.empty()) {
        if (args.hlaB27 != "positive" && args.hlaB27 != "negative")
            throw core::ValidationError("--hla-b27", args.hlaB27, "positive or negative");
        filter.hlaB27 = core::parseHlaB27(args.hlaB27, "--hla-b27");
    }
    if (!args.progressor.empty()) {
        if (args.progressor != "yes" && args.progressor != "no")
            throw core::ValidationError("--progressor", args.progressor, "yes or no");
        filter.progressor = args.progressor == "yes";
    }
    return filter;
}

void runReport(const ReportArgs& args) {
    const int subjects = args.cohort + !args.patient.empty() + !args.session.empty();
    if (subjects != 1)
        throw core::ValidationError("report", subjects == 0 ? "neither" : "more than one",
                                    "exactly one of --patient ID, --cohort or --session NAME");
    const bool filtered = !args.from.empty() || !args.to.empty() || !args.sex.empty() ||
                          !args.hlaB27.empty() || !args.progressor.empty();
    if (!args.cohort && filtered)
        throw core::ValidationError(
            args.patient.empty() ? "--session" : "--patient",
            args.patient.empty() ? args.session : args.patient,
            "no cohort filter (--from, --to, --sex, --hla-b27, --progressor) without --cohort");
    report::CohortFilter filter = parseFilter(args);
    files::OutputPolicy output;
    output.database = args.file;
    output.overwrite = args.force;
    files::checkOutput(args.out, output);  // before the work; writePdf checks again when it writes

    report::ReportOptions options;
    options.clinicName = args.clinic;
    options.language = args.language.empty() ? i18n::systemLanguage() : args.language;
    options.languageField = "--lang";
    if (!args.paper.empty())
        options.paper = report::parsePaper(args.paper, "--paper");

    // A patient's report writes its audit row (who took which patient's data out, and when); a
    // cohort summary and a session's agreement page hold no patient's data and leave the database
    // untouched.
    const std::unique_ptr<storage::Database> opened = openDatabase(
        args.file, args.user, args.patient.empty() ? storage::Open::ReadOnly : storage::Open::ReadWrite);
    storage::Database& db = *opened;
    report::ReportSubject subject;
    subject.filter = filter;
    subject.session = args.session;
    if (!args.patient.empty()) {
        subject.patientId = storage::PatientRepository(db).idOf(args.patient);
        if (!subject.patientId)
            throw core::ValidationError("--patient", args.patient, "the ID of a patient in " + args.file);
    }
    const report::LaidOutDocument laidOut = report::makeReport(db, subject, options);
    report::writeReportPdf(db, subject, laidOut, args.out, output);
    std::cout << "Wrote " << args.out << " (" << laidOut.pageCount() << " pages)\n";
}

}  // namespace

void addReportCommand(CLI::App& app) {
    auto args = std::make_shared<ReportArgs>();
    CLI::App* command =
        app.add_subcommand("report",
                           "Print a patient report, a cohort summary or a reading session's agreement "
                           "to a PDF file");
    command->add_option("DB", args->file, kDatabaseHelp)->required();
    command->add_option("--patient", args->patient, "The patient report of this patient (the clinic's ID)");
    command->add_flag("--cohort", args->cohort,
                      "The cohort summary (all patients, or those the filters select)");
    command->add_option("--session", args->session,
                        "The agreement page of this reading session (methods 11; names no patient)");
    command->add_option("--from", args->from,
                        "Cohort: baseline (first visit) on or after this date, YYYY-MM-DD");
    command->add_option("--to", args->to, "Cohort: baseline on or before this date, YYYY-MM-DD");
    command->add_option("--sex", args->sex, "Cohort: M or F");
    command->add_option("--hla-b27", args->hlaB27, "Cohort: positive or negative");
    command->add_option("--progressor", args->progressor,
                        "Cohort: yes or no (patients with two or more films)");
    command
        ->add_option("--out", args->out,
                     "The PDF file to write (mode 0600); never the database or another SQLite file")
        ->required();
    command->add_flag("--force", args->force, "Replace the --out file if it exists");
    command->add_option(
        "--user", args->user,
        "Who is recorded in the audit trail for a patient report (default: the system account)");
    command->add_option("--paper", args->paper, "a4 or letter (default: reports/style.conf)");
    command->add_option("--lang", args->language,
                        "The report's language: en or zh_CN (default: the system's, as LANG gives it, "
                        "else en); numbers and dates read the same in both");
    command->add_option("--clinic", args->clinic,
                        "Clinic name in the page header (default: reports/style.conf)");
    command->footer(
        "Examples:\n  ankylos-cli report clinic.db --patient P0001 --out P0001.pdf\n"
        "  ankylos-cli report clinic.db --cohort --sex F --hla-b27 positive --out cohort.pdf\n"
        "  ankylos-cli report clinic.db --session S1 --out S1-agreement.pdf");
    command->callback([args] { runReport(*args); });
}

}  // namespace ankylos::app
