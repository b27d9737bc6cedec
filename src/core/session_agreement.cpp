#include "core/session_agreement.h"

#include <algorithm>

#include "core/format.h"
#include "core/progression.h"
#include "core/validation.h"

namespace ankylos::core {

namespace {

/// The reader's primary reading of the film, or nullptr.
const Reading* primaryReading(const Film& film, const std::string& reader) {
    for (const Reading& reading : film.readings)
        if (reading.reader == reader && !reading.adjudicating())
            return &reading;
    return nullptr;
}

/// The patient's films by date; throws ValidationError for two on one date.
std::vector<const Film*> byDate(const SessionPatient& patient) {
    std::vector<const Film*> films;
    for (const Film& film : patient.films)
        films.push_back(&film);
    std::stable_sort(films.begin(), films.end(),
                     [](const Film* a, const Film* b) { return a->date < b->date; });
    for (std::size_t i = 1; i < films.size(); ++i)
        if (films[i]->date == films[i - 1]->date)
            throw ValidationError("film date", toIsoString(films[i]->date),
                                  "one film per date for a patient");
    return films;
}

std::optional<double> total(const Reading* reading, const MsasssSettings& settings) {
    if (!reading)
        return std::nullopt;
    return scoreReading(*reading, settings).total;
}

/// The reader's progression over one interval from their two readings alone.
std::optional<IntervalReading> readerInterval(const Film& earlier, const Film& later,
                                              const std::string& reader, const Settings& settings) {
    const Reading* before = primaryReading(earlier, reader);
    const Reading* after = primaryReading(later, reader);
    if (!before || !after)
        return std::nullopt;
    const ProgressionResult result =
        assessProgression(Film{earlier.date, {*before}}, Film{later.date, {*after}}, settings);
    return IntervalReading{result.progression, result.change};
}

/// Status and change scores, one ReaderScores per reader, and the intervals (discordance left for later:
/// it needs the SDC of the change scores).
struct Tables {
    std::vector<ReaderScores> status;
    std::vector<ReaderScores> change;
    std::vector<SessionInterval> intervals;
};

Tables scoreTables(const std::vector<SessionPatient>& patients, const std::vector<std::string>& readers,
                   const Settings& settings) {
    Tables tables;
    for (const std::string& reader : readers) {
        tables.status.push_back({reader, {}});
        tables.change.push_back({reader, {}});
    }
    for (const SessionPatient& patient : patients) {
        const std::vector<const Film*> films = byDate(patient);
        for (std::size_t i = 0; i < films.size(); ++i) {
            for (std::size_t r = 0; r < readers.size(); ++r)
                tables.status[r].scores.push_back(
                    total(primaryReading(*films[i], readers[r]), settings.msasss));
            if (i == 0)
                continue;
            SessionInterval interval{
                patient.patient, films[i - 1]->date,
                films[i]->date,  {},
                std::nullopt,    hasAdjudicatingReading(*films[i - 1]) && hasAdjudicatingReading(*films[i])};
            for (std::size_t r = 0; r < readers.size(); ++r) {
                interval.readers.push_back(readerInterval(*films[i - 1], *films[i], readers[r], settings));
                tables.change[r].scores.push_back(interval.readers.back() ? interval.readers.back()->change
                                                                          : std::nullopt);
            }
            tables.intervals.push_back(std::move(interval));
        }
    }
    return tables;
}

void assessDiscordances(std::vector<SessionInterval>& intervals, std::optional<double> sdc) {
    for (SessionInterval& interval : intervals) {
        std::vector<IntervalReading> read;
        for (const auto& reader : interval.readers)
            if (reader)
                read.push_back(*reader);
        if (read.size() >= 2)
            interval.discordance = assessDiscordance(read, sdc);
    }
}

/// The reader's progressor status from their readings alone; nullopt unless they read every film.
std::optional<bool> progressor(const std::vector<const Film*>& films, const std::string& reader,
                               const Settings& settings) {
    std::vector<Film> own;
    for (const Film* film : films) {
        const Reading* reading = primaryReading(*film, reader);
        if (!reading)
            return std::nullopt;
        own.push_back(Film{film->date, {*reading}});
    }
    return reviewProgression(own, settings).progressor;
}

ReaderPairAgreement pairAgreement(const std::vector<SessionPatient>& patients, const std::string& first,
                                  const std::string& second, const Settings& settings) {
    std::vector<std::optional<SiteScore>> firstSites;
    std::vector<std::optional<SiteScore>> secondSites;
    std::vector<std::pair<std::optional<bool>, std::optional<bool>>> statuses;
    for (const SessionPatient& patient : patients) {
        const std::vector<const Film*> films = byDate(patient);
        for (const Film* film : films) {
            const Reading* a = primaryReading(*film, first);
            const Reading* b = primaryReading(*film, second);
            if (!a || !b)
                continue;
            firstSites.insert(firstSites.end(), a->sites.begin(), a->sites.end());
            secondSites.insert(secondSites.end(), b->sites.begin(), b->sites.end());
        }
        if (films.size() >= 2)
            statuses.emplace_back(progressor(films, first, settings), progressor(films, second, settings));
    }
    return {first, second, syndesmophyteKappa(firstSites, secondSites), progressorAgreement(statuses)};
}

}  // namespace

SessionAgreement assessSessionAgreement(const std::vector<SessionPatient>& patients,
                                        const std::vector<std::string>& primaryReaders,
                                        const Settings& settings) {
    SessionAgreement result;
    result.readers = primaryReaders;
    Tables tables = scoreTables(patients, primaryReaders, settings);
    result.status = assessAgreement(tables.status, ScoreKind::Status);
    result.change = assessAgreement(tables.change, ScoreKind::Change);
    result.statusScores = completeSubjects(tables.status);
    result.changeScores = completeSubjects(tables.change);
    result.intervals = std::move(tables.intervals);
    assessDiscordances(result.intervals, result.change.sdc);
    for (std::size_t i = 0; i < primaryReaders.size(); ++i)
        for (std::size_t j = i + 1; j < primaryReaders.size(); ++j)
            result.pairs.push_back(pairAgreement(patients, primaryReaders[i], primaryReaders[j], settings));
    return result;
}

}  // namespace ankylos::core
