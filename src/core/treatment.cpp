#include "core/treatment.h"

#include "core/translatable.h"

namespace ankylos::core {

namespace {

/// "Adalimumab start date", or "treatment start date" for a drug not in the catalogue.
std::string fieldName(const TreatmentEpisode& episode, const std::string& what) {
    const Drug* drug = findDrug(episode.drugId);
    return (drug ? drug->label : std::string("treatment")) + " " + what;
}

void checkStop(Validation& validation, const TreatmentEpisode& episode, Date today) {
    if (!episode.stop) {
        if (episode.stopReason)
            validation.addError(fieldName(episode, "reason for stopping"), toString(*episode.stopReason),
                                "only with a stop date (the episode is ongoing)");
        return;
    }
    if (*episode.stop < episode.start)
        validation.addError(fieldName(episode, "stop date"), toIsoString(*episode.stop),
                            "not before the start date (" + toIsoString(episode.start) + ")");
    if (*episode.stop > today)
        validation.addError(fieldName(episode, "stop date"), toIsoString(*episode.stop),
                            "not after today (" + toIsoString(today) + ")");
}

/// True when two episodes share at least one day (each covers start through stop inclusive; an
/// ongoing one has no end).
bool overlap(const TreatmentEpisode& a, const TreatmentEpisode& b) {
    const bool aEndsBeforeB = a.stop && *a.stop < b.start;
    const bool bEndsBeforeA = b.stop && *b.stop < a.start;
    return !aEndsBeforeB && !bEndsBeforeA;
}

}  // namespace

const std::vector<Route>& allRoutes() {
    static const std::vector<Route> routes = {Route::Oral, Route::Subcutaneous, Route::Intravenous,
                                              Route::Intramuscular, Route::Other};
    return routes;
}

std::string toString(Route route) {
    switch (route) {
        // The IDs are plain English words and are the labels too (routeLabel): marked for the screen.
        case Route::Oral:
            return N_("oral");
        case Route::Subcutaneous:
            return N_("subcutaneous");
        case Route::Intravenous:
            return N_("intravenous");
        case Route::Intramuscular:
            return N_("intramuscular");
        case Route::Other:
            return N_("other");
    }
    throw InternalError("unknown Route");
}

std::string routeLabel(Route route) {
    return toString(route);  // the IDs are plain English words
}

Route parseRoute(const std::string& text, const std::string& field) {
    for (Route route : allRoutes())
        if (toString(route) == text)
            return route;
    throw ValidationError(field, text, "oral, subcutaneous, intravenous, intramuscular or other");
}

const std::vector<StopReason>& allStopReasons() {
    static const std::vector<StopReason> reasons = {StopReason::Inefficacy, StopReason::AdverseEvent,
                                                    StopReason::Remission, StopReason::PatientChoice,
                                                    StopReason::Other};
    return reasons;
}

std::string toString(StopReason reason) {
    switch (reason) {
        case StopReason::Inefficacy:
            return "inefficacy";
        case StopReason::AdverseEvent:
            return "adverse_event";
        case StopReason::Remission:
            return "remission";
        case StopReason::PatientChoice:
            return "patient_choice";
        case StopReason::Other:
            return "other";
    }
    throw InternalError("unknown StopReason");
}

std::string stopReasonLabel(StopReason reason) {
    switch (reason) {
        case StopReason::Inefficacy:
            return N_("inefficacy");
        case StopReason::AdverseEvent:
            return N_("adverse event");
        case StopReason::Remission:
            return N_("remission");
        case StopReason::PatientChoice:
            return N_("patient choice");
        case StopReason::Other:
            return N_("other");
    }
    throw InternalError("unknown StopReason");
}

StopReason parseStopReason(const std::string& text, const std::string& field) {
    for (StopReason reason : allStopReasons())
        if (toString(reason) == text)
            return reason;
    throw ValidationError(field, text, "inefficacy, adverse_event, remission, patient_choice or other");
}

DrugClass classOf(const TreatmentEpisode& episode) {
    return drugById(episode.drugId).drugClass;
}

std::string episodeDates(const TreatmentEpisode& episode) {
    return toIsoString(episode.start) + " to " + (episode.stop ? toIsoString(*episode.stop) : "ongoing");
}

Validation validateTreatmentEpisode(const TreatmentEpisode& episode, std::optional<Date> birth, Date today) {
    Validation validation;
    try {
        drugById(episode.drugId);
    } catch (const ValidationError& e) {
        for (const Problem& problem : e.problems())
            validation.addError(problem.field, problem.value, problem.allowed);
    }
    validation.requireText(fieldName(episode, "brand"), episode.brand);
    validation.requireText(fieldName(episode, "dose and frequency"), episode.doseAndFrequency);
    checkClinicalDate(validation, fieldName(episode, "start date"), episode.start, birth, today);
    checkStop(validation, episode, today);
    return validation;
}

Validation validateTreatmentCourse(const std::vector<TreatmentEpisode>& episodes, std::optional<Date> birth,
                                   Date today) {
    Validation validation;
    for (const TreatmentEpisode& episode : episodes)
        validation.append(validateTreatmentEpisode(episode, birth, today));
    for (std::size_t i = 0; i < episodes.size(); ++i)
        for (std::size_t j = i + 1; j < episodes.size(); ++j)
            if (episodes[i].drugId == episodes[j].drugId && overlap(episodes[i], episodes[j]))
                validation.addError(fieldName(episodes[j], "episode"), episodeDates(episodes[j]),
                                    "no day shared with the other " + fieldName(episodes[i], "episode") +
                                        " (" + episodeDates(episodes[i]) +
                                        "): episodes of one drug may not overlap; of one class they may");
    return validation;
}

std::vector<TreatmentEpisode> currentTreatment(const std::vector<TreatmentEpisode>& episodes, Date today) {
    std::vector<TreatmentEpisode> current;
    for (const TreatmentEpisode& episode : episodes)
        if (episode.covers(today, today))
            current.push_back(episode);
    return current;
}

}  // namespace ankylos::core
