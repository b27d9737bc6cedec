#pragma once
/// A treatment episode of a patient's treatment course and its plausibility rules
/// (docs/methods.md 10, 8).
///
/// An episode covers its start date through its stop date, both inclusive; an episode without a
/// stop date is ongoing and covers through today. Rules: the drug is in the shipped catalogue
/// (core/drug_catalogue.h); start not before birth and not in the future; stop not before the
/// start and not in the future; a reason for stopping only with a stop date. Two episodes of the
/// same drug may not share a day (so a switch between two brands of one drug stops the first the
/// day before the second starts); episodes of different drugs of one class may (a switch).

#include <optional>
#include <string>
#include <vector>

#include "core/drug_catalogue.h"
#include "core/patient.h"
#include "core/validation.h"

namespace ankylos::core {

/// Every route in form order.
const std::vector<Route>& allRoutes();
std::string toString(Route route);    ///< "oral", "subcutaneous", "intravenous", "intramuscular", "other"
std::string routeLabel(Route route);  ///< "oral", "subcutaneous", "intravenous", "intramuscular", "other"
/// The route with that ID; throws ValidationError naming field, text and the five IDs.
Route parseRoute(const std::string& text, const std::string& field = "route");

/// Why an episode was stopped (docs/methods.md 10).
enum class StopReason { Inefficacy, AdverseEvent, Remission, PatientChoice, Other };
/// Every reason in spec order.
const std::vector<StopReason>& allStopReasons();
/// "inefficacy", "adverse_event", "remission", "patient_choice", "other"
std::string toString(StopReason reason);
/// "inefficacy", "adverse event", "remission", "patient choice", "other"
std::string stopReasonLabel(StopReason reason);
/// The reason with that ID; throws ValidationError naming field, text and the five IDs.
StopReason parseStopReason(const std::string& text, const std::string& field = "reason for stopping");

/// One period on one drug.
struct TreatmentEpisode {
    std::string drugId;                    ///< a catalogue ID, e.g. "adalimumab"
    std::string brand;                     ///< e.g. "Amgevita" (biosimilars); empty = not recorded
    Date start;                            ///< first day on the drug
    std::optional<Date> stop;              ///< last day on the drug; nullopt = ongoing
    std::string doseAndFrequency;          ///< free text, e.g. "40 mg every 2 weeks"; empty = not recorded
    Route route = Route::Oral;             ///< how it is given
    std::optional<StopReason> stopReason;  ///< only with a stop date; nullopt = not recorded

    bool ongoing() const { return !stop.has_value(); }
    /// The last day covered: the stop date, or today for an ongoing episode.
    Date lastDay(Date today) const { return stop ? *stop : today; }
    /// True when the episode covers that day (start through stop, or through today when ongoing).
    bool covers(Date day, Date today) const { return start <= day && day <= lastDay(today); }
};

/// The catalogue's class of the episode's drug; throws ValidationError for an unknown drug ID.
DrugClass classOf(const TreatmentEpisode& episode);

/// "2020-01-01 to 2021-06-30", or "2020-01-01 to ongoing": how messages name an episode.
std::string episodeDates(const TreatmentEpisode& episode);

/// Every problem with one episode. Fields are named after the drug's label ("Adalimumab start
/// date", "Adalimumab stop date", "Adalimumab reason for stopping", "Adalimumab brand",
/// "Adalimumab dose and frequency"), or "treatment ..." when the drug is not in the catalogue, which
/// is itself an error on "drug". birth may be unknown.
Validation validateTreatmentEpisode(const TreatmentEpisode& episode, std::optional<Date> birth, Date today);

/// Every problem with a patient's treatment course: each episode, and every pair of episodes of
/// the same drug that share a day (the message names both episodes' dates).
Validation validateTreatmentCourse(const std::vector<TreatmentEpisode>& episodes, std::optional<Date> birth,
                                   Date today);

/// The episodes that cover today (current treatment), in the order given.
std::vector<TreatmentEpisode> currentTreatment(const std::vector<TreatmentEpisode>& episodes, Date today);

}  // namespace ankylos::core
