#pragma once
/// Agreement between a reading session's primary readers, and the intervals it leaves to adjudicate
/// (docs/methods.md 11), from the readings the session made.
///
/// Status scores: each film of the session, each reader's mSASSS total of it. Change scores: each
/// interval between consecutive films of a patient, each reader's later total minus earlier total.
/// Both go through assessAgreement (ICC(A,1), ICC(A,k), SDC, Bland-Altman for two readers); a film
/// or interval lacking a computable score from any reader is left out and counted. For each pair of
/// readers: Cohen's kappa for syndesmophyte presence over the sites of the films both read, and the
/// share of patients (with 2 or more films, all read by both) whose progressor status agrees, each
/// reader's status computed from their readings alone. An interval is discordant by assessDiscordance
/// (progression disagrees, or change scores differ by more than the session's SDC of change), and is
/// settled once an adjudicator's or consensus reading of both its films exists.

#include <optional>
#include <string>
#include <vector>

#include "core/agreement.h"
#include "core/msasss.h"
#include "core/settings.h"

namespace ankylos::core {

/// One patient's films in the session, each carrying the session's readings of it (every role).
struct SessionPatient {
    std::string patient;      ///< how the session names the patient (a blinded code or the clinic ID)
    std::vector<Film> films;  ///< any order; one film per date
};

/// One interval between consecutive films of a patient in the session.
struct SessionInterval {
    std::string patient;
    Date from;
    Date to;
    /// per primary reader, in the session's order; nullopt when the reader did not read both films
    std::vector<std::optional<IntervalReading>> readers;
    std::optional<Discordance> discordance;  ///< nullopt: fewer than 2 readers read both films
    bool adjudicated = false;                ///< an adjudicator's or consensus reading of both films exists

    bool discordant() const { return discordance && discordance->discordant; }
    bool awaitingAdjudication() const { return discordant() && !adjudicated; }
};

/// Site-level agreement of two readers.
struct ReaderPairAgreement {
    std::string first;
    std::string second;
    SyndesmophyteKappa kappa;
    ProgressorAgreement progressors;
};

struct SessionAgreement {
    std::vector<std::string> readers;  ///< the primary readers, in the session's order
    AgreementResult status;
    AgreementResult change;
    CompleteSubjects statusScores;  ///< the status scores used: rows[film][reader] (the Bland-Altman plot)
    CompleteSubjects changeScores;  ///< the change scores used: rows[interval][reader]
    std::vector<ReaderPairAgreement> pairs;  ///< every pair of readers, in the session's order
    std::vector<SessionInterval> intervals;  ///< by patient in the given order, then by date
};

/// Every figure of the session. primaryReaders names the readers as their readings do; a reader with
/// no reading still counts (their scores are all missing). Throws ValidationError for two films of a
/// patient on one date.
SessionAgreement assessSessionAgreement(const std::vector<SessionPatient>& patients,
                                        const std::vector<std::string>& primaryReaders,
                                        const Settings& settings);

}  // namespace ankylos::core
