#include "report/patient_report.h"

#include <memory>

#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

std::string sexName(core::Sex sex) {
    return sex == core::Sex::Male ? "male" : "female";
}

/// The value and its state: in a table's narrow cell (brief) "2.96 high", else "2.96 high disease activity".
std::string asdasCell(const std::optional<double>& value, const std::optional<core::AsdasState>& state,
                      bool brief) {
    return value ? core::formatAsdas(*value) + " " + (brief ? core::shortLabel(*state) : core::label(*state))
                 : "not computable";
}

/// One row of "since the previous visit": both values, the change and the response categories.
std::vector<TableCell> changeRow(const std::string& measure, const std::optional<double>& before,
                                 const std::optional<double>& now, int decimals, const std::string& response,
                                 bool alert = false) {
    std::string change = before && now ? signedText(*now - *before, decimals) : "not computable";
    return {{measure}, {orDash(before, decimals)}, {orDash(now, decimals)}, {change}, {response, alert}};
}

std::vector<TableCell> asdasRow(const std::string& measure, const core::AsdasResult& before,
                                const core::AsdasResult& now) {
    core::AsdasChange change = core::compareAsdas(before.value, now.value);
    std::string response = change.category ? core::label(*change.category) : change.reason;
    const bool worse = change.category == core::AsdasChangeCategory::ClinicallyImportantWorsening;
    std::vector<TableCell> row =
        changeRow(measure, before.value, now.value, core::kAsdasDisplayDecimals, response, worse);
    row[1].text = asdasCell(before.value, before.state, true);
    row[2].text = asdasCell(now.value, now.state, true);
    return row;
}

std::string criterionText(const core::BasdaiResponseCriterion& criterion) {
    return criterion.label + ": " +
           (criterion.status == core::BasdaiResponseStatus::Met      ? "met"
            : criterion.status == core::BasdaiResponseStatus::NotMet ? "not met"
                                                                     : "not evaluable");
}

std::vector<TableCell> basdaiRow(const core::BasdaiResult& before, const core::BasdaiResult& now) {
    // docs/methods.md 2: BASDAI50 and the ASAS-EULAR response (50 % or 2 units), both labelled.
    core::BasdaiResponse r = core::basdaiResponse(before.value, now.value);
    std::string response = criterionText(r.basdai50) + "; " + criterionText(r.asasEular) +
                           " (\u2265 50 % or \u2265 " +
                           core::formatNumber(core::kBasdaiAsasEularMinAbsoluteImprovement) + " units)";
    if (!r.reason.empty())
        response += "; " + r.reason;
    return changeRow("BASDAI", before.value, now.value, core::kBasdaiDisplayDecimals, response);
}

/// The latest scored visit and the scored one before it.
std::pair<const ScoredVisit*, const ScoredVisit*> lastTwoScored(const std::vector<ScoredVisit>& visits) {
    const ScoredVisit* latest = nullptr;
    for (auto it = visits.rbegin(); it != visits.rend(); ++it) {
        if (!it->scores)
            continue;
        if (latest)
            return {latest, &*it};
        latest = &*it;
    }
    return {latest, nullptr};
}

Table changeTable(const ScoredVisit& latest, const ScoredVisit& previous) {
    const core::VisitScores& now = *latest.scores;
    const core::VisitScores& before = *previous.scores;
    Table table;
    table.caption = "Since the previous visit (" + core::toIsoString(previous.visit->date) + " \u2192 " +
                    core::toIsoString(latest.visit->date) + ")";
    table.header = {"Measure", "Previous", "Latest", "Change", "Response"};
    table.columnWeights = {1.0, 1.2, 1.2, 1.1, 3.7};
    table.numeric = {false, true, true, true, false};
    table.rows.push_back(asdasRow("ASDAS-CRP", before.asdasCrp, now.asdasCrp));
    table.rows.push_back(asdasRow("ASDAS-ESR", before.asdasEsr, now.asdasEsr));
    table.rows.push_back(basdaiRow(before.basdai, now.basdai));
    table.rows.push_back(changeRow("BASFI", before.basfi.value, now.basfi.value, 1, ""));
    table.rows.push_back(changeRow("BASMI", before.basmi.value, now.basmi.value, 1, ""));
    const core::LabValue* crpBefore = previous.visit->lab(core::Analyte::Crp);
    const core::LabValue* crpNow = latest.visit->lab(core::Analyte::Crp);
    table.rows.push_back({{"CRP"},
                          {crpBefore ? labValueText(*crpBefore) : "\u2013"},
                          {crpNow ? labValueText(*crpNow) : "\u2013"},
                          {},
                          {}});
    return table;
}

/// The latest consecutive film pair's verdict (reviewProgression lists consecutive pairs first).
std::string latestIntervalText(const core::PatientHistory& history, const CourseData& course) {
    if (history.films.size() < 2 || course.progression.size() < history.films.size() - 1)
        return "not assessable: " + std::to_string(history.films.size()) + " spine film(s), two are needed";
    const core::ProgressionResult& pair = course.progression[history.films.size() - 2];
    std::string text = core::toIsoString(pair.from) + " \u2192 " + core::toIsoString(pair.to) + ": ";
    if (pair.progression) {
        text += "progression (" + core::label(pair.criteria) + ")";
    } else {
        text += pair.unitsCriterion ? "no progression" : "mSASSS change not assessable";
    }
    if (pair.change)
        text += ", " + signedText(*pair.change, 1) + " mSASSS in " +
                core::formatFixed(pair.intervalYears, 1) + " years";
    text += "; " + std::to_string(pair.events.newSyndesmophytes) + " new syndesmophyte(s), " +
            std::to_string(pair.events.newBridgings) + " new bridging(s), " +
            std::to_string(pair.events.regressions) + " regression(s)";
    // Why the units criterion could not be judged: the note's first clause names the film.
    if (!pair.unitsCriterion && !pair.note.empty())
        text += "; " + pair.note.substr(0, pair.note.find(';'));
    return text;
}

}  // namespace

std::vector<ScoredVisit> scoreVisits(const core::PatientHistory& history, const core::Settings& settings) {
    std::vector<ScoredVisit> visits;
    for (const core::Visit& visit : history.visits) {
        ScoredVisit s{&visit, std::nullopt, ""};
        try {
            s.scores = core::scoreVisit(history.patient, visit, history.films, settings);
        } catch (const core::ValidationError& e) {
            s.problem = e.what();
        }
        visits.push_back(std::move(s));
    }
    return visits;
}

std::string progressionVerdict(const core::PatientHistory& history, const CourseData& course) {
    const std::size_t films = history.films.size();
    if (films < 2)
        return "not assessable: " + std::to_string(films) + " spine film(s), two are needed";
    if (course.progression.empty())
        return "not assessable (see problems)";
    if (course.progressor) {
        for (const core::ProgressionResult& pair : course.progression)
            if (pair.progression)
                return "progressor: first seen " + core::toIsoString(pair.from) + " \u2192 " +
                       core::toIsoString(pair.to);
    }
    // Not a progressor: say which pairs could not be judged on mSASSS units (a film not scorable).
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i + 1 < films && i < course.progression.size(); ++i)
        if (!course.progression[i].unitsCriterion)
            unknown.push_back(core::toIsoString(course.progression[i].from) + " \u2192 " +
                              core::toIsoString(course.progression[i].to));
    if (unknown.empty())
        return "no progression detected across " + std::to_string(films) + " films";
    return "no new syndesmophyte on sites assessable on both films; mSASSS change not assessable for " +
           core::joinNames(unknown) +
           " (a film cannot be scored), so progression by mSASSS units is unknown there";
}

KeyValues patientSummary(const core::PatientHistory& history, const ReportContext& context) {
    const core::Patient& patient = history.patient;
    KeyValues summary;
    summary.rows.push_back({"Patient ID", patient.clinicId});
    summary.rows.push_back({"Name", patient.name});
    summary.rows.push_back({"Sex", sexName(patient.sex)});
    summary.rows.push_back(
        {"Date of birth", core::toIsoString(patient.birth) + " (age " +
                              std::to_string(core::ageInYears(patient.birth, context.printed)) + ")"});
    summary.rows.push_back(
        {"Diagnosis",
         "axial spondyloarthritis" +
             (patient.diagnosis ? ", diagnosed " + core::toIsoString(*patient.diagnosis) : std::string())});
    summary.rows.push_back({"HLA-B27", core::toString(patient.hlaB27)});
    summary.rows.push_back(
        {"Disease duration", patient.symptomOnset
                                 ? std::to_string(core::ageInYears(*patient.symptomOnset, context.printed)) +
                                       " years since symptom onset (" +
                                       core::toIsoString(*patient.symptomOnset) + ")"
                                 : "symptom onset not recorded"});
    summary.rows.push_back({"Visits, films", std::to_string(history.visits.size()) + " visits, " +
                                                 std::to_string(history.films.size()) + " spine films"});
    return summary;
}

std::vector<Block> todaySection(const core::PatientHistory& history, const std::vector<ScoredVisit>& visits,
                                const CourseData& course) {
    std::vector<Block> blocks;
    auto [latest, previous] = lastTwoScored(visits);
    KeyValues today;
    today.rows.push_back({"Current treatment", currentTreatmentText(history.treatments, course.today)});
    if (latest) {
        const core::VisitScores& s = *latest->scores;
        today.rows.push_back({"Latest visit", core::toIsoString(latest->visit->date)});
        today.rows.push_back({"ASDAS-CRP", asdasCell(s.asdasCrp.value, s.asdasCrp.state, false)});
        today.rows.push_back({"BASDAI", s.basdai.value ? core::formatBasdai(*s.basdai.value) +
                                                             (s.basdai.active ? " (active disease)" : "")
                                                       : s.basdai.reason});
        if (s.bmd)
            today.rows.push_back(
                {"BMD category", s.bmd->category ? core::label(*s.bmd->category) : s.bmd->reason});
    } else {
        today.rows.push_back({"Latest visit", "no visit could be scored"});
    }
    if (!course.msasss.empty()) {
        const MsasssPoint& film = course.msasss.back();
        today.rows.push_back({"mSASSS, latest film", (film.total ? core::formatFixed(*film.total, 1)
                                                                 : "not computable: " + film.reason) +
                                                         " (" + core::toIsoString(film.date) + ")"});
    }
    today.rows.push_back({"Latest film interval", latestIntervalText(history, course)});
    today.rows.push_back({"Progression, all films", progressionVerdict(history, course)});
    blocks.push_back(today);
    if (latest && previous)
        blocks.push_back(changeTable(*latest, *previous));
    return blocks;
}

Document buildPatientReport(const core::PatientHistory& history, const core::Settings& settings,
                            const ReportContext& context, const std::vector<core::LscSetting>& deviceLsc) {
    const core::Patient& patient = history.patient;
    auto course = std::make_shared<CourseData>(buildCourseData(history, settings, context.printed));
    const std::vector<ScoredVisit> visits = scoreVisits(history, settings);

    Document doc;
    doc.header = pageHeader(context, "Patient report");
    doc.header.subject = "ID " + patient.clinicId + " \u00b7 " + patient.name;
    doc.header.subjectDetail = "born " + core::toIsoString(patient.birth);

    doc.blocks.push_back(Heading{"Summary", 1});
    doc.blocks.push_back(patientSummary(history, context));
    if (!patient.notes.empty())
        doc.blocks.push_back(Paragraph{"Notes: " + patient.notes, false});
    doc.blocks.push_back(Heading{"Today", 1});
    for (Block& block : todaySection(history, visits, *course))
        doc.blocks.push_back(std::move(block));

    doc.blocks.push_back(Heading{"Course", 1});
    for (CourseChart& chart : courseCharts(course))
        doc.blocks.push_back(ChartBlock{std::move(chart.draw), chart.height});

    doc.blocks.push_back(Heading{"Tables", 1});
    doc.blocks.push_back(visitTable(visits));
    doc.blocks.push_back(treatmentTable(history.treatments));
    doc.blocks.push_back(filmTable(history, settings));
    doc.blocks.push_back(progressionTable(history, settings, *course));
    doc.blocks.push_back(bmdTable(visits));
    doc.blocks.push_back(bmdChangeTable(history, deviceLsc));
    doc.blocks.push_back(labTable(history));
    doc.blocks.push_back(signOffTable(history));

    if (!course->problems.empty()) {
        doc.blocks.push_back(Heading{"Problems found in the record", 2});
        std::string text;
        for (const std::string& p : course->problems)
            text += (text.empty() ? "" : "\n") + p;
        doc.blocks.push_back(Paragraph{text, false});
    }
    doc.keepTogetherFrom = doc.blocks.size();
    doc.blocks.push_back(Heading{"Notes", 2});
    doc.blocks.push_back(Paragraph{rulesParagraph(settings), true});
    doc.blocks.push_back(Heading{"Reviewed", 2});
    doc.blocks.push_back(SignatureLines{{"Reviewed by (name)", "Signature", "Date"}});
    return doc;
}

}  // namespace ankylos::report
