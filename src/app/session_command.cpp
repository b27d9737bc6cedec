#include "app/session_command.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/calc_support.h"
#include "app/open_database.h"
#include "core/format.h"
#include "core/session_agreement.h"
#include "core/validation.h"
#include "storage/film_repository.h"
#include "storage/reader_repository.h"
#include "storage/reading_session_repository.h"
#include "storage/settings_store.h"

namespace ankylos::app {

namespace {

struct SessionArgs {
    std::string database;
    std::string user;
    std::string name;
    std::vector<std::string> readers;
    std::string chronology = "paired_hidden";
    std::string identity = "hidden";
    std::optional<std::uint64_t> seed;
    std::vector<std::string> patients;
    std::string from;
    std::string to;
    int minFilms = 2;
    std::string reader;
    std::string film;
    std::string scores;
    std::string readingDate;
    bool consensus = false;
    bool registerReaders = false;
    bool json = false;
};

/// --register: the coordinator registers the named readers who are not registered yet, deliberately.
void registerIfAsked(storage::Database& db, const SessionArgs& args, const std::vector<std::string>& names) {
    if (!args.registerReaders)
        return;
    storage::ReaderRepository readers(db);
    for (const std::string& name : names)
        if (!readers.find(name)) {
            readers.add(name);
            std::cout << "Registered reader " << name << '\n';
        }
}

storage::SessionCohort cohortOf(const SessionArgs& args) {
    storage::SessionCohort cohort;
    cohort.clinicIds = args.patients;
    if (!args.from.empty())
        cohort.from = core::parseIsoDate(args.from, "--from");
    if (!args.to.empty())
        cohort.to = core::parseIsoDate(args.to, "--to");
    cohort.minFilms = args.minFilms;
    return cohort;
}

void runCreate(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadWrite);
    storage::ReadingSession session;
    session.name = args.name;
    session.blinding.chronology = core::parseSessionChronology(args.chronology);
    if (args.identity != "hidden" && args.identity != "shown")
        throw core::ValidationError("--identity", args.identity, "hidden or shown");
    session.blinding.identityHidden = args.identity == "hidden";
    session.seed = args.seed ? *args.seed : core::newSessionSeed();
    for (const std::string& reader : args.readers)
        session.readers.push_back({reader, core::ReadingRole::Primary});
    session.films = storage::ReadingSessionRepository(*db).filmsOf(cohortOf(args));
    registerIfAsked(*db, args, args.readers);
    storage::ReadingSessionRepository(*db).create(session);
    const storage::ReadingSession stored = storage::ReadingSessionRepository(*db).require(session.name);
    std::cout << "Created reading session " << stored.name << ": " << stored.films.size() << " films, "
              << stored.readers.size() << " readers, " << core::label(stored.blinding.chronology)
              << (stored.blinding.identityHidden ? ", identity hidden" : ", identity shown") << ", seed "
              << stored.seed << '\n';
}

Json sessionJson(const storage::ReadingSession& session) {
    Json readers = Json::array();
    for (const storage::SessionReader& reader : session.readers)
        readers.push_back({{"reader", reader.reader}, {"role", core::toString(reader.role)}});
    return {{"name", session.name},
            {"created_on", core::toIsoString(session.createdOn)},
            {"identity_hidden", session.blinding.identityHidden},
            {"chronology", core::toString(session.blinding.chronology)},
            {"seed", session.seed},
            {"films", session.films.size()},
            {"readers", readers}};
}

void runList(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadOnly);
    Json out = Json::array();
    for (const storage::ReadingSession& session : storage::ReadingSessionRepository(*db).list()) {
        if (args.json) {
            out.push_back(sessionJson(session));
            continue;
        }
        std::vector<std::string> readers;
        for (const storage::SessionReader& reader : session.readers)
            readers.push_back(reader.reader + " (" + core::label(reader.role) + ")");
        std::cout << session.name << "  " << core::toIsoString(session.createdOn) << "  "
                  << session.films.size() << " films  " << core::label(session.blinding.chronology)
                  << (session.blinding.identityHidden ? ", identity hidden" : ", identity shown") << "  "
                  << core::joinNames(readers) << '\n';
    }
    if (args.json)
        std::cout << out.dump(2) << '\n';
}

void runWorklist(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadOnly);
    storage::ReadingSessionRepository sessions(*db);
    const storage::ReadingSession session = sessions.require(args.name);
    const auto list = sessions.worklist(session, args.reader, storage::readSettings(*db));
    const bool hidden = session.blinding.identityHidden;
    const bool datesHidden = !session.blinding.datesShown();
    std::size_t done = 0;
    Json items = Json::array();
    for (const storage::WorklistItem& item : list) {
        done += item.readingId.has_value();
        Json row{{"code", item.code}, {"read", item.readingId.has_value()}};
        if (!hidden)
            row["patient"] = item.clinicId;
        if (!datesHidden)
            row["film_date"] = core::toIsoString(item.filmDate);
        if (!args.json)
            std::cout << item.code << (item.readingId ? "  read    " : "  to read ")
                      << (hidden ? "" : "  " + item.clinicId + " " + item.patientName)
                      << (datesHidden ? "" : "  " + core::toIsoString(item.filmDate)) << '\n';
        items.push_back(std::move(row));
    }
    if (args.json)
        std::cout << Json{{"session", session.name},
                          {"reader", args.reader},
                          {"done", done},
                          {"total", list.size()},
                          {"films", items}}
                         .dump(2)
                  << '\n';
    else
        std::cout << done << " of " << list.size() << " films read\n";
}

void runRead(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadWrite);
    storage::ReadingSessionRepository sessions(*db);
    const storage::ReadingSession session = sessions.require(args.name);
    std::vector<std::string> codes;
    for (const storage::WorklistItem& item :
         sessions.worklist(session, args.reader, storage::readSettings(*db))) {
        codes.push_back(item.code);
        if (item.code != args.film)
            continue;
        core::Reading reading = core::parseReading(args.scores, args.reader);
        reading.session = session.name;
        if (!args.readingDate.empty())
            reading.readingDate = core::parseIsoDate(args.readingDate, "--reading-date");
        storage::FilmRepository(*db).addReading(item.filmId, reading);
        std::cout << "Saved " << args.reader << "'s reading of " << item.code << '\n';
        return;
    }
    throw core::ValidationError("--film", args.film,
                                codes.empty()
                                    ? "a film of the reader's worklist, which is empty"
                                    : "a film code of the reader's worklist: " + core::joinNames(codes));
}

void runAdjudicator(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadWrite);
    const core::ReadingRole role =
        args.consensus ? core::ReadingRole::Consensus : core::ReadingRole::Adjudicator;
    registerIfAsked(*db, args, {args.reader});
    storage::ReadingSessionRepository(*db).addReader(args.name, args.reader, role);
    std::cout << args.reader << " reads in session " << args.name << " as " << core::label(role) << '\n';
}

Json sessionAgreementJson(const storage::ReadingSession& session, const core::SessionAgreement& agreement) {
    Json pairs = Json::array();
    for (const core::ReaderPairAgreement& pair : agreement.pairs) {
        Json kappa{{"sites", pair.kappa.sites}, {"kappa", orNull(pair.kappa.kappa)}};
        if (!pair.kappa.reason.empty())
            kappa["reason"] = pair.kappa.reason;
        Json progressors{{"patients", pair.progressors.patients},
                         {"agreeing", pair.progressors.agreeing},
                         {"share", orNull(pair.progressors.share)}};
        if (!pair.progressors.reason.empty())
            progressors["reason"] = pair.progressors.reason;
        pairs.push_back({{"first", pair.first},
                         {"second", pair.second},
                         {"syndesmophyte_kappa", kappa},
                         {"progressor_agreement", progressors}});
    }
    Json intervals = Json::array();
    int discordant = 0;
    int awaiting = 0;
    for (const core::SessionInterval& interval : agreement.intervals) {
        discordant += interval.discordant();
        awaiting += interval.awaitingAdjudication();
        if (interval.discordant())
            intervals.push_back({{"patient", interval.patient},
                                 {"from", core::toIsoString(interval.from)},
                                 {"to", core::toIsoString(interval.to)},
                                 {"progression_disagrees", interval.discordance->progressionDisagrees},
                                 {"adjudicated", interval.adjudicated}});
    }
    return {{"session", session.name},
            {"readers", agreement.readers},
            {"status", agreementJson(agreement.status)},
            {"change", agreementJson(agreement.change)},
            {"pairs", pairs},
            {"intervals", agreement.intervals.size()},
            {"discordant", discordant},
            {"awaiting_adjudication", awaiting},
            {"discordant_intervals", intervals}};
}

std::string figure(const std::optional<double>& value) {
    return value ? core::formatFixed(*value, 3) : std::string("not computable");
}

void printAgreement(const char* title, const core::AgreementResult& result) {
    std::cout << title << ": n = " << result.subjects << " (" << result.dropped
              << " left out), k = " << result.readers << "; ICC(A,1) " << figure(result.iccA1)
              << ", ICC(A,k) " << figure(result.iccAk) << ", SDC " << figure(result.sdc);
    if (result.blandAltman)
        std::cout << "; Bland-Altman mean difference "
                  << core::formatFixed(result.blandAltman->meanDifference, 3) << ", limits "
                  << core::formatFixed(result.blandAltman->loaLower, 3) << " to "
                  << core::formatFixed(result.blandAltman->loaUpper, 3);
    if (result.exceedingSdc)
        std::cout << "; " << *result.exceedingSdc << " with mean change above the SDC";
    std::cout << (result.reason.empty() ? "" : "\n  (" + result.reason + ")") << '\n';
}

void runAgreement(const SessionArgs& args) {
    const auto db = openDatabase(args.database, args.user, storage::Open::ReadOnly);
    storage::ReadingSessionRepository sessions(*db);
    const storage::ReadingSession session = sessions.require(args.name);
    const core::SessionAgreement agreement = core::assessSessionAgreement(
        sessions.patients(session), session.readersWithRole(core::ReadingRole::Primary),
        storage::readSettings(*db));
    const Json out = sessionAgreementJson(session, agreement);
    if (args.json) {
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::cout << "Agreement in reading session " << session.name << " (" << core::joinNames(agreement.readers)
              << "), docs/methods.md 11\n";
    printAgreement("Status scores", agreement.status);
    printAgreement("Change scores", agreement.change);
    for (const core::ReaderPairAgreement& pair : agreement.pairs)
        std::cout << pair.first << " and " << pair.second << ": syndesmophyte kappa "
                  << figure(pair.kappa.kappa) << " over " << pair.kappa.sites
                  << " sites; progressor status agrees for " << pair.progressors.agreeing << " of "
                  << pair.progressors.patients << " patients\n";
    std::cout << out["discordant"] << " of " << out["intervals"] << " intervals discordant, "
              << out["awaiting_adjudication"] << " awaiting adjudication\n";
    for (const Json& interval : out["discordant_intervals"])
        std::cout << "  " << interval["patient"].get<std::string>() << "  "
                  << interval["from"].get<std::string>() << " to " << interval["to"].get<std::string>()
                  << (interval["adjudicated"].get<bool>() ? "  adjudicated" : "  awaiting adjudication")
                  << '\n';
}

CLI::App* databaseCommand(CLI::App& parent, const char* name, const char* description, SessionArgs& args) {
    CLI::App* command = parent.add_subcommand(name, description);
    command->add_option("DB", args.database, kDatabaseHelp)->required();
    command->add_option("--user", args.user,
                        "Who is recorded in the audit trail (default: the system account)");
    return command;
}

}  // namespace

void addSessionCommands(CLI::App& app) {
    auto args = std::make_shared<SessionArgs>();
    CLI::App* session =
        app.add_subcommand("session", "Reading sessions: blinded multi-reader scoring of films (methods 11)");
    session->require_subcommand(1);

    CLI::App* create =
        databaseCommand(*session, "create", "Create a session of films, readers and blinding", *args);
    create->add_option("--name", args->name, "The session's name, e.g. \"OASIS 2026 reading 1\"")->required();
    create->add_option("--reader", args->readers, "A registered primary reader (repeat for each)")
        ->required();
    create->add_option("--chronology", args->chronology,
                       "known, unknown (all films shuffled) or paired_hidden (default: each patient's films "
                       "together, order hidden)");
    create->add_option("--identity", args->identity,
                       "hidden (default) or shown: the patient's name, ID and dates");
    create->add_flag("--register", args->registerReaders, "Register the readers not registered yet");
    create->add_option("--seed", args->seed, "The shuffle's seed (default: random; printed)");
    create->add_option("--patient", args->patients,
                       "Only this patient's films (repeat; default: every patient)");
    create->add_option("--from", args->from, "Films on or after YYYY-MM-DD");
    create->add_option("--to", args->to, "Films on or before YYYY-MM-DD");
    create->add_option("--min-films", args->minFilms,
                       "Only patients with at least N films in range (default 2)");
    create->callback([args] { runCreate(*args); });

    CLI::App* list = databaseCommand(*session, "list", "List the reading sessions", *args);
    list->add_flag("--json", args->json, "Print JSON");
    list->callback([args] { runList(*args); });

    CLI::App* worklist =
        databaseCommand(*session, "worklist", "A reader's films in the session's order", *args);
    worklist->add_option("--session", args->name, "The session's name")->required();
    worklist->add_option("--reader", args->reader, "A reader of the session")->required();
    worklist->add_flag("--json", args->json, "Print JSON");
    worklist->callback([args] { runWorklist(*args); });

    CLI::App* read =
        databaseCommand(*session, "read", "Save a reader's scores of a film of the worklist", *args);
    read->add_option("--session", args->name, "The session's name")->required();
    read->add_option("--reader", args->reader, "A reader of the session")->required();
    read->add_option("--film", args->film, "The film's code in the worklist, e.g. S1-007")->required();
    read->add_option("--scores", args->scores, "24 site scores C2_inf to S1_sup: 0-3 or NA")->required();
    read->add_option("--reading-date", args->readingDate, "YYYY-MM-DD");
    read->callback([args] { runRead(*args); });

    CLI::App* adjudicator =
        databaseCommand(*session, "adjudicator", "Add an adjudicator (or a consensus) to the session", *args);
    adjudicator->add_option("--session", args->name, "The session's name")->required();
    adjudicator->add_option("--reader", args->reader, "A registered reader")->required();
    adjudicator->add_flag("--register", args->registerReaders, "Register the reader if not registered yet");
    adjudicator->add_flag("--consensus", args->consensus,
                          "Readings by consensus rather than by an adjudicator");
    adjudicator->callback([args] { runAdjudicator(*args); });

    CLI::App* agreement =
        databaseCommand(app, "agreement", "Agreement between a session's readers (methods 11)", *args);
    agreement->add_option("--session", args->name, "The session's name")->required();
    agreement->add_flag("--json", args->json, "Print JSON");
    agreement->footer(
        "Status scores: each film, each primary reader's mSASSS. Change scores: each interval between\n"
        "consecutive films of a patient. ICC(A,1), ICC(A,k), SDC = 1.96 sqrt(MSE / k), Bland-Altman for 2 "
        "readers;\n"
        "per pair of readers Cohen's kappa for syndesmophyte presence and progressor agreement; the\n"
        "discordant intervals and whether an adjudicator or consensus read both films.");
    agreement->callback([args] { runAgreement(*args); });
}

}  // namespace ankylos::app
