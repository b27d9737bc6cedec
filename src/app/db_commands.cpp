#include "app/db_commands.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>

#include "app/migrate_command.h"
#include "app/open_database.h"
#include "core/format.h"
#include "core/progression.h"
#include "demo/demo_cohort.h"
#include "interchange/visit_csv_reader.h"
#include "storage/audit.h"
#include "storage/audit_key.h"
#include "storage/database_copy.h"
#include "storage/history_reader.h"
#include "storage/json_codec.h"
#include "storage/patient_repository.h"
#include "storage/record_check.h"
#include "storage/server_location.h"
#include "storage/settings_store.h"
#include "storage/visit_import.h"

namespace ankylos::app {

namespace {

struct DbArgs {
    std::string file;
    std::string user;
};

void addFileArgument(CLI::App& command, DbArgs& args) {
    command.add_option("DB", args.file, kDatabaseHelp)->required();
    command.add_option("--user", args.user,
                       "Who is recorded in the audit trail (default: the system account)");
}

// ---- init ------------------------------------------------------------------------------------

void runInit(const DbArgs& args) {
    const std::unique_ptr<storage::Database> db =
        openDatabase(args.file, args.user, storage::Open::CreateNew);
    std::cout << "Created " << args.file << " (schema version " << storage::currentSchemaVersion() << ").\n";
    if (db->onServer())
        std::cout << "Its audit key is kept in the database itself, for every workstation.\n";
    else
        std::cout << "Its audit key is " << storage::auditKeyPath(args.file).string()
                  << ": keep it with the database (backups copy it); without it the audit trail cannot be "
                     "verified or extended.\n";
}

void printSummary(const storage::ImportSummary& summary) {
    std::cout << summary.newPatients << " new patients, " << summary.existingPatients
              << " existing patients, " << summary.visits << " visits, " << summary.films << " films, "
              << summary.readings << " readings, " << summary.treatments << " treatment episodes";
    if (summary.ctScans > 0)
        std::cout << ", " << summary.ctScans << " low-dose CT scans, " << summary.ctReadings
                  << " CTSS readings";
    if (summary.sessions > 0)
        std::cout << ", " << summary.sessions << " reading sessions";
    std::cout << '\n';
    if (!summary.newReaders.empty())
        std::cout << "New readers registered: " << core::joinNames(summary.newReaders) << '\n';
}

// ---- demo ------------------------------------------------------------------------------------

struct DemoArgs : DbArgs {
    int patients = 0;
    std::uint64_t seed = 1;
};

void runDemo(const DemoArgs& args) {
    if (args.patients < 1 || args.patients > 1000000)
        throw core::ValidationError("--patients", std::to_string(args.patients), "1 to 1000000");
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadWrite);
    storage::Database& db = *opened;
    if (storage::PatientRepository(db).count() > 0)
        throw core::ValidationError("DB", args.file,
                                    "an empty database: demo patients never mix with real ones");
    const core::Date today = storage::localToday();
    // One transaction for the whole cohort: a kill leaves an empty file that `demo` can fill again.
    const std::optional<storage::ImportSummary> total =
        demo::writeDemoCohort(db, args.seed, 0, args.patients, today);
    printSummary(*total);  // no progress callback, so never cancelled
}

// ---- import ----------------------------------------------------------------------------------

struct ImportArgs : DbArgs {
    std::string csv;
    bool confirmWarnings = false;
};

void runImport(const ImportArgs& args) {
    // A refused database is named before the CSV is read.
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadWrite);
    storage::Database& db = *opened;
    std::ifstream in(args.csv, std::ios::binary);
    if (!in)
        throw core::ValidationError("FILE.csv", args.csv, "a readable CSV file");
    const interchange::VisitCsvImport parsed = interchange::parseVisitCsv(in, storage::localToday());
    if (!parsed.ok()) {
        std::vector<core::Problem> problems;
        for (const interchange::CsvProblem& problem : parsed.errors)
            problems.push_back({core::Severity::Error,
                                args.csv + ":" + std::to_string(problem.line) + ":" + problem.column,
                                problem.value, problem.rule});
        throw core::ValidationError(problems);
    }
    if (!parsed.warnings.empty() && !args.confirmWarnings) {
        std::vector<core::Problem> problems;
        for (const interchange::CsvProblem& warning : parsed.warnings)
            problems.push_back({core::Severity::Error,
                                args.csv + ":" + std::to_string(warning.line) + ":" + warning.column,
                                warning.value,
                                "confirmation (" + warning.rule +
                                    "); check the value, then import again with "
                                    "--confirm-warnings"});
        throw core::ValidationError(problems);
    }
    printSummary(storage::importHistories(
        db, parsed.patients, args.confirmWarnings, args.csv, [&](const storage::ImportPlace& place) {
            return parsed.place(args.csv, place.history, place.visit, place.film, place.reading,
                                place.treatment, place.ctScan, place.field);
        }));
}

// ---- progression -----------------------------------------------------------------------------

struct ProgressionArgs : DbArgs {
    std::string patient;
    bool json = false;
};

std::string describePair(const core::ProgressionResult& pair) {
    std::string text = "  " + core::toIsoString(pair.from) + " -> " + core::toIsoString(pair.to) + "  " +
                       core::formatFixed(pair.intervalYears, 2) + " y  ";
    text += pair.change ? "change " + core::formatFixed(*pair.change, 1) + " (" +
                              core::formatFixed(*pair.ratePerYear, 2) + "/y)"
                        : std::string("change not computable");
    text += "  new syndesmophytes " + std::to_string(pair.events.newSyndesmophytes);
    text += pair.progression ? "  PROGRESSION" : "  no progression";
    return text + "\n    " + pair.note + "\n";
}

/// Every history of reader, given to handle on a second thread: reading a batch from the database
/// overlaps with handling the previous batch (one batch at a time, so handle sees the patients in
/// order), and a whole cohort's wall time is nearer the slower half than the sum of both.
void forEachOverlapped(storage::HistoryReader& reader, const storage::HistorySource::Handler& handle) {
    constexpr std::size_t kBatch = 256;
    std::vector<std::pair<std::int64_t, core::PatientHistory>> batch;
    std::future<void> previous;
    const auto handOver = [&] {
        if (previous.valid())
            previous.get();  // rethrows what handle threw
        previous = std::async(std::launch::async, [&handle, histories = std::move(batch)] {
            for (const auto& [id, history] : histories)
                handle(id, history);
        });
        batch.clear();
    };
    reader.forEachWithRowIds(
        [&](std::int64_t id, core::PatientHistory& history, const storage::HistoryRowIds&) {
            batch.emplace_back(id, std::move(history));
            if (batch.size() == kBatch)
                handOver();
        });
    handOver();
    previous.get();
}

void runProgression(const ProgressionArgs& args) {
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadOnly);
    storage::Database& db = *opened;
    const core::Settings settings = storage::readSettings(db);
    std::optional<std::int64_t> only;
    if (!args.patient.empty()) {
        only = storage::PatientRepository(db).idOf(args.patient);
        if (!only)
            throw core::ValidationError("--patient", args.patient, "the ID of a patient in " + args.file);
    }
    int patients = 0;
    int progressors = 0;
    std::string line;  // one patient's JSON, its buffer reused
    const auto report = [&](std::int64_t, const core::PatientHistory& history) {
        const core::ProgressionReview review = core::reviewProgression(history.films, settings);
        ++patients;
        progressors += review.progressor;
        if (args.json) {
            line.clear();
            storage::JsonWriter out(line);
            out.beginObject().key("patient_id").value(history.patient.clinicId);
            storage::writeReviewMembers(out, review);
            out.endObject();
            line += '\n';
            std::cout << line;
        } else {
            std::cout << history.patient.clinicId << "  " << history.films.size() << " films  progressor "
                      << (review.progressor ? "yes" : "no") << '\n';
            for (const auto& pair : review.pairs)
                std::cout << describePair(pair);
        }
    };
    storage::HistoryReader reader(db, storage::HistoryParts::FilmsOnly);
    if (only)
        report(*only, *reader.load(*only));
    else
        forEachOverlapped(reader, report);
    if (!args.json)
        std::cout << patients << " patients, " << progressors
                  << " progressors. Settings: progression.min_change_units="
                  << core::formatNumber(settings.progression.minChangeUnits)
                  << ", progression.event_reader_rule="
                  << core::toString(settings.progression.eventReaderRule) << "\n";
}

// ---- check -----------------------------------------------------------------------------------

void runCheck(const DbArgs& args) {
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadOnly);
    printCheckReport(args.file, storage::checkDatabase(*opened));
}

// ---- upgrade ---------------------------------------------------------------------------------

void runUpgrade(const DbArgs& args) {
    const std::unique_ptr<storage::Database> opened = openDatabase(
        args.file, args.user, storage::Open::ReadWrite);  // opening for writing migrates, after a backup
    storage::Database& db = *opened;
    if (db.migrationBackup())
        std::cout << "Upgraded " << args.file << " to database version " << storage::currentSchemaVersion()
                  << "; the file as it was is in " << db.migrationBackup()->string() << '\n';
    else
        std::cout << args.file << " is at database version " << storage::currentSchemaVersion()
                  << " already; nothing to do\n";
}

// ---- backup ----------------------------------------------------------------------------------

struct BackupArgs : DbArgs {
    std::string dest;
};

void runBackup(const BackupArgs& args) {
    const std::unique_ptr<storage::Database> opened =
        openDatabase(args.file, args.user, storage::Open::ReadOnly);
    storage::Database& db = *opened;
    if (storage::isServerLocation(args.dest))
        throw core::ValidationError("DEST", args.dest,
                                    "a file: backup writes an Ankylos file (`migrate` copies a clinic into a "
                                    "server database)");
    if (db.onServer()) {
        const storage::CopyReport report = storage::copyDatabase(db, args.dest);
        std::cout << "Backed up " << args.file << " to " << args.dest
                  << ", from one snapshot (with its audit key " << storage::auditKeyPath(args.dest).string()
                  << " and chain head " << storage::chainHeadPath(args.dest).string() << ").\n";
        printCopyReport(args.dest, report);
        return;
    }
    db.backupTo(args.dest);
    std::cout << "Backed up " << args.file << " to " << args.dest << " (with its audit key "
              << storage::auditKeyPath(args.dest).string() << " and chain head "
              << storage::chainHeadPath(args.dest).string() << ")\n";
}

}  // namespace

void printCheckReport(const std::string& location, const storage::CheckReport& report) {
    if (report.problems.empty()) {
        std::cout << location << ": ok (integrity, foreign keys, audit trail of " << report.auditRows
                  << " rows with its keyed chain and chain head, and the records of " << report.patients
                  << " patients as the trail wrote them)\n";
        return;
    }
    for (const std::string& problem : report.problems)
        std::cout << location << ": " << problem << '\n';
    commandExitCode() = 1;
}

int& commandExitCode() {
    static int code = 0;
    return code;
}

void addDatabaseCommands(CLI::App& app) {
    auto init = std::make_shared<DbArgs>();
    CLI::App* initCommand = app.add_subcommand("init", "Create an empty database");
    addFileArgument(*initCommand, *init);
    initCommand->footer("Example: ankylos-cli init clinic.db");
    initCommand->callback([init] { runInit(*init); });

    auto demo = std::make_shared<DemoArgs>();
    CLI::App* demoCommand = app.add_subcommand("demo", "Fill an empty database with a synthetic demo cohort");
    addFileArgument(*demoCommand, *demo);
    demoCommand->add_option("--patients", demo->patients, "How many patients")->required();
    demoCommand->add_option("--seed", demo->seed, "Seed: the same seed gives the same cohort (default 1)");
    demoCommand->footer("Example: ankylos-cli demo demo.db --patients 20000 --seed 1");
    demoCommand->callback([demo] { runDemo(*demo); });

    auto import = std::make_shared<ImportArgs>();
    CLI::App* importCommand = app.add_subcommand(
        "import", "Add visits from a CSV file (db/visit_csv.md); all or nothing, every problem listed");
    addFileArgument(*importCommand, *import);
    importCommand->add_option("FILE.csv", import->csv, "The CSV file")->required();
    importCommand->add_flag("--confirm-warnings", import->confirmWarnings,
                            "Accept values outside the soft limits (recorded as confirmed by --user)");
    importCommand->footer("Example: ankylos-cli import clinic.db visits.csv --user nurse.li");
    importCommand->callback([import] { runImport(*import); });

    // `export` lives in export_command.cpp (research formats beside the import format).

    auto progression = std::make_shared<ProgressionArgs>();
    CLI::App* progressionCommand =
        app.add_subcommand("progression", "The progression review of every patient, or of one (methods 1.5)");
    addFileArgument(*progressionCommand, *progression);
    progressionCommand->add_option("--patient", progression->patient, "Only this patient (the clinic's ID)");
    progressionCommand->add_flag("--json", progression->json,
                                 "One JSON object per patient and line, as `calc progression` prints it");
    progressionCommand->footer("Example: ankylos-cli progression clinic.db --patient AS-000001 --json");
    progressionCommand->callback([progression] { runProgression(*progression); });

    auto check = std::make_shared<DbArgs>();
    CLI::App* checkCommand = app.add_subcommand(
        "check", "Integrity check and audit-trail verification (exit 1 when a problem is found)");
    addFileArgument(*checkCommand, *check);
    checkCommand->footer("Example: ankylos-cli check clinic.db");
    checkCommand->callback([check] { runCheck(*check); });

    auto upgrade = std::make_shared<DbArgs>();
    CLI::App* upgradeCommand = app.add_subcommand(
        "upgrade", "Bring a database of an older Ankylos to this version (a dated backup is made first)");
    addFileArgument(*upgradeCommand, *upgrade);
    upgradeCommand->footer("Example: ankylos-cli upgrade clinic.db");
    upgradeCommand->callback([upgrade] { runUpgrade(*upgrade); });

    auto backup = std::make_shared<BackupArgs>();
    CLI::App* backupCommand =
        app.add_subcommand("backup",
                           "Online backup of the database (safe while it is in use); of a server database, "
                           "a new Ankylos file from one snapshot");
    addFileArgument(*backupCommand, *backup);
    backupCommand->add_option("DEST", backup->dest, "The backup file to create")->required();
    backupCommand->footer("Example: ankylos-cli backup clinic.db /media/backup/clinic-2026-11-22.db");
    backupCommand->callback([backup] { runBackup(*backup); });
}

}  // namespace ankylos::app
