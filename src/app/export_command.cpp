#include "app/export_command.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/open_database.h"
#include "core/patient.h"
#include "core/validation.h"
#include "export/exporter.h"
#include "storage/database.h"

namespace ankylos::app {

namespace {

struct ExportArgs {
    std::string file;
    std::string user;
    std::string out;
    std::string format = "visits";
    std::string table = "visits";
    bool deidentify = false;
    bool identified = false;
    std::string keyFile;
    bool shiftDates = false;
    bool relativeDates = false;
    std::string from;
    std::string to;
    std::string sex;
    std::string hlaB27;
    std::string progressor;
    int minFilms = 0;
    std::string columns;
    bool force = false;
};

std::vector<std::string> splitColumns(const std::string& text) {
    std::vector<std::string> names;
    std::stringstream in(text);
    std::string name;
    while (std::getline(in, name, ','))
        if (!name.empty())
            names.push_back(name);
    return names;
}

exports::ExportOptions toOptions(const ExportArgs& args) {
    exports::ExportOptions options;
    options.format = exports::parseExportFormat(args.format);
    options.out = args.out;
    options.overwrite = args.force;
    options.table = exports::parseExportTable(args.table);
    if (args.deidentify && args.identified)
        throw core::ValidationError("--identified", "with --deidentify", "one of the two");
    if (args.shiftDates && args.relativeDates)
        throw core::ValidationError("--relative-dates", "with --shift-dates", "one of the two");
    // The import format is identified unless asked otherwise; research formats are de-identified
    // unless --identified says otherwise (recorded in the manifest and the audit trail).
    options.identified = options.format == exports::ExportFormat::Visits ? !args.deidentify : args.identified;
    if (args.deidentify && args.keyFile.empty())
        throw core::ValidationError(
            "--deidentify", "without --key-file",
            "a project key file (make one with `head -c 32 /dev/urandom > project.key`)");
    if (options.identified && (args.shiftDates || args.relativeDates))
        throw core::ValidationError(args.shiftDates ? "--shift-dates" : "--relative-dates",
                                    "an identified export",
                                    "a de-identified export (--deidentify --key-file K)");
    options.keyFile = args.keyFile;
    options.dateMode = args.relativeDates ? exports::DateMode::Relative : exports::DateMode::Shifted;
    if (!args.from.empty())
        options.filters.from = core::parseIsoDate(args.from, "--from");
    if (!args.to.empty())
        options.filters.to = core::parseIsoDate(args.to, "--to");
    if (!args.sex.empty())
        options.filters.sex = core::parseSex(args.sex, "--sex");
    if (!args.hlaB27.empty()) {
        const core::HlaB27 status = core::parseHlaB27(args.hlaB27, "--hla-b27");
        if (status == core::HlaB27::Unknown)
            throw core::ValidationError("--hla-b27", args.hlaB27, "positive or negative");
        options.filters.hlaB27 = status;
    }
    if (!args.progressor.empty()) {
        if (args.progressor != "yes" && args.progressor != "no")
            throw core::ValidationError("--progressor", args.progressor, "yes or no");
        options.filters.progressor = args.progressor == "yes";
    }
    options.filters.minFilms = args.minFilms;
    options.columns = splitColumns(args.columns);
    options.software = std::string("ankylos-cli ") + ANKYLOS_VERSION;
    return options;
}

void runExport(const ExportArgs& args) {
    const exports::ExportOptions options = toOptions(args);
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadWrite);
    storage::Database& db = *opened;
    const exports::ExportSummary summary = exports::exportCohort(db, options);
    std::cout << "Exported " << summary.patients << " patients to " << options.out.string();
    if (summary.patientsExcluded > 0)
        std::cout << " (" << summary.patientsExcluded << " excluded by the filters)";
    std::cout << '\n';
    for (const auto& [table, rows] : summary.rows)
        std::cout << "  " << table << ": " << rows << " rows\n";
    for (const auto& file : summary.files)
        if (file != options.out)
            std::cout << "  " << file.string() << '\n';
    if (summary.visitsNotScored > 0)
        std::cout << "  " << summary.visitsNotScored
                  << " visits with a hard validation error were exported without scores\n";
}

}  // namespace

void addExportCommand(CLI::App& app) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* command = app.add_subcommand(
        "export", "Export visits in the import format, or research tables (CSV, REDCap, SPSS, Stata)");
    command->add_option("DB", args->file, kDatabaseHelp)->required();
    command->add_option("--user", args->user,
                        "Who is recorded in the audit trail (default: the system account)");
    command
        ->add_option("--out", args->out,
                     "The file to write (mode 0600; other files are named after it); never the database or "
                     "another SQLite file")
        ->required();
    command->add_flag("--force", args->force, "Replace files of the export that exist already");
    command->add_option(
        "--format", args->format,
        "visits (default: the import format), csv-long, csv-wide, progression, redcap, sav, dta");
    command->add_option(
        "--table", args->table,
        "sav/dta only: visits (default), readings, wide, progression, treatments, ct_readings, "
        "ct_progression or agreement");
    command->add_flag("--deidentify", args->deidentify,
                      "De-identify (the default for research formats; needs --key-file)");
    command->add_flag(
        "--identified", args->identified,
        "Research formats: export names, clinic IDs, notes and real dates (recorded in the manifest)");
    command->add_option("--key-file", args->keyFile,
                        "Project key for study IDs and date shifts (head -c 32 /dev/urandom > project.key)");
    command->add_flag("--shift-dates", args->shiftDates, "De-identified dates shifted per patient (default)");
    command->add_flag("--relative-dates", args->relativeDates,
                      "De-identified dates replaced by days since baseline and ages");
    command->add_option("--from", args->from, "Visits and films on or after YYYY-MM-DD");
    command->add_option("--to", args->to, "Visits and films on or before YYYY-MM-DD");
    command->add_option("--sex", args->sex, "Only M or F");
    command->add_option("--hla-b27", args->hlaB27, "Only positive or negative");
    command->add_option("--progressor", args->progressor, "Only progressors (yes) or non-progressors (no)");
    command->add_option("--min-films", args->minFilms,
                        "Only patients with at least N films in the date range");
    command->add_option("--columns", args->columns, "Only these columns (comma-separated; default: all)");
    command->footer(
        "Examples:\n"
        "  ankylos-cli export clinic.db --out visits.csv\n"
        "  head -c 32 /dev/urandom > project.key   # once per project; keep it away from the exports\n"
        "  ankylos-cli export clinic.db --format csv-long --key-file project.key --out cohort.csv\n"
        "  ankylos-cli export clinic.db --format sav --table wide --key-file project.key --out cohort.sav\n"
        "  ankylos-cli export clinic.db --format redcap --key-file project.key --relative-dates --out "
        "redcap.csv");
    command->callback([args] { runExport(*args); });
}

}  // namespace ankylos::app
