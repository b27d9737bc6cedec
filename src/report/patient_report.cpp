#include "report/patient_report.h"

#include <memory>

#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

std::string sexName(core::Sex sex, const Language& language) {
    return sex == core::Sex::Male ? language.tr("male") : language.tr("female");
}

/// The value and its state: in a table's narrow cell (brief) "2.96 high", else "2.96 high disease activity".
std::string asdasCell(const std::optional<double>& value, const std::optional<core::AsdasState>& state,
                      bool brief, const Language& language) {
    return value ? core::formatAsdas(*value) + " " +
                       language.tr(brief ? core::shortLabel(*state) : core::label(*state))
                 : language.tr("not computable");
}

/// One row of "since the previous visit": both values, the change and the response categories.
std::vector<TableCell> changeRow(const std::string& measure, const std::optional<double>& before,
                                 const std::optional<double>& now, int decimals, const std::string& response,
                                 const Language& language, bool alert = false) {
    std::string change = before && now ? signedText(*now - *before, decimals) : language.tr("not computable");
    return {{measure}, {orDash(before, decimals)}, {orDash(now, decimals)}, {change}, {response, alert}};
}

std::vector<TableCell> asdasRow(const std::string& measure, const core::AsdasResult& before,
                                const core::AsdasResult& now, const Language& language) {
    core::AsdasChange change = core::compareAsdas(before.value, now.value);
    std::string response = change.category ? language.tr(core::label(*change.category)) : change.reason;
    const bool worse = change.category == core::AsdasChangeCategory::ClinicallyImportantWorsening;
    std::vector<TableCell> row =
        changeRow(measure, before.value, now.value, core::kAsdasDisplayDecimals, response, language, worse);
    row[1].text = asdasCell(before.value, before.state, true, language);
    row[2].text = asdasCell(now.value, now.state, true, language);
    return row;
}

std::string criterionText(const core::BasdaiResponseCriterion& criterion, const Language& language) {
    return language.tr(criterion.label) + ": " +
           (criterion.status == core::BasdaiResponseStatus::Met      ? language.tr("met")
            : criterion.status == core::BasdaiResponseStatus::NotMet ? language.tr("not met")
                                                                     : language.tr("not evaluable"));
}

std::vector<TableCell> basdaiRow(const core::BasdaiResult& before, const core::BasdaiResult& now,
                                 const Language& language) {
    // docs/methods.md 2: BASDAI50 and the ASAS-EULAR response (50 % or 2 units), both labelled.
    core::BasdaiResponse r = core::basdaiResponse(before.value, now.value);
    std::string response = criterionText(r.basdai50, language) + "; " + criterionText(r.asasEular, language) +
                           " " +
                           language.trf("(\u2265 50 % or \u2265 {1} units)",
                                        {core::formatNumber(core::kBasdaiAsasEularMinAbsoluteImprovement)});
    if (!r.reason.empty())
        response += "; " + r.reason;
    return changeRow("BASDAI", before.value, now.value, core::kBasdaiDisplayDecimals, response, language);
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

Table changeTable(const ScoredVisit& latest, const ScoredVisit& previous, const Language& language) {
    const core::VisitScores& now = *latest.scores;
    const core::VisitScores& before = *previous.scores;
    Table table;
    table.caption =
        language.trf("Since the previous visit ({1} \u2192 {2})",
                     {core::toIsoString(previous.visit->date), core::toIsoString(latest.visit->date)});
    table.header = {language.tr("Measure"), language.tr("Previous"), language.tr("Latest"),
                    language.tr("Change"), language.tr("Response")};
    table.columnWeights = {1.0, 1.2, 1.2, 1.1, 3.7};
    table.numeric = {false, true, true, true, false};
    table.rows.push_back(asdasRow("ASDAS-CRP", before.asdasCrp, now.asdasCrp, language));
    table.rows.push_back(asdasRow("ASDAS-ESR", before.asdasEsr, now.asdasEsr, language));
    table.rows.push_back(basdaiRow(before.basdai, now.basdai, language));
    table.rows.push_back(changeRow("BASFI", before.basfi.value, now.basfi.value, 1, "", language));
    table.rows.push_back(changeRow("BASMI", before.basmi.value, now.basmi.value, 1, "", language));
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
    const Language& language = course.language;
    if (history.films.size() < 2 || course.progression.size() < history.films.size() - 1)
        return language.trf("not assessable: {1} spine film(s), two are needed",
                            {std::to_string(history.films.size())});
    const core::ProgressionResult& pair = course.progression[history.films.size() - 2];
    std::string text = core::toIsoString(pair.from) + " \u2192 " + core::toIsoString(pair.to) + ": ";
    if (pair.progression) {
        text += language.trf("progression ({1})", {criteriaText(pair.criteria, language)});
    } else {
        text +=
            pair.unitsCriterion ? language.tr("no progression") : language.tr("mSASSS change not assessable");
    }
    if (pair.change)
        text += ", " + language.trf("{1} mSASSS in {2} years",
                                    {signedText(*pair.change, 1), core::formatFixed(pair.intervalYears, 1)});
    text += "; " + siteEventsText(pair.events, language);
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
    const Language& language = course.language;
    const std::size_t films = history.films.size();
    if (films < 2)
        return language.trf("not assessable: {1} spine film(s), two are needed", {std::to_string(films)});
    if (course.progression.empty())
        return language.tr("not assessable (see problems)");
    if (course.progressor) {
        for (const core::ProgressionResult& pair : course.progression)
            if (pair.progression)
                return language.trf("progressor: first seen {1} \u2192 {2}",
                                    {core::toIsoString(pair.from), core::toIsoString(pair.to)});
    }
    // Not a progressor: say which pairs could not be judged on mSASSS units (a film not scorable).
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i + 1 < films && i < course.progression.size(); ++i)
        if (!course.progression[i].unitsCriterion)
            unknown.push_back(core::toIsoString(course.progression[i].from) + " \u2192 " +
                              core::toIsoString(course.progression[i].to));
    if (unknown.empty())
        return language.trf("no progression detected across {1} films", {std::to_string(films)});
    return language.trf(
        "no new syndesmophyte on sites assessable on both films; mSASSS change not assessable "
        "for {1} (a film cannot be scored), so progression by mSASSS units is unknown there",
        {core::joinNames(unknown)});
}

KeyValues patientSummary(const core::PatientHistory& history, const ReportContext& context) {
    const core::Patient& patient = history.patient;
    const Language& language = context.language;
    const std::string age = std::to_string(core::ageInYears(patient.birth, context.printed));
    KeyValues summary;
    summary.rows.push_back({language.tr("Patient ID"), patient.clinicId});
    summary.rows.push_back({language.tr("Name"), patient.name});
    summary.rows.push_back({language.tr("Sex"), sexName(patient.sex, language)});
    summary.rows.push_back({language.tr("Date of birth"),
                            language.trf("{1} (age {2})", {core::toIsoString(patient.birth), age})});
    summary.rows.push_back(
        {language.tr("Diagnosis"), patient.diagnosis ? language.trf("axial spondyloarthritis, diagnosed {1}",
                                                                    {core::toIsoString(*patient.diagnosis)})
                                                     : language.tr("axial spondyloarthritis")});
    summary.rows.push_back({"HLA-B27", language.tr(core::toString(patient.hlaB27))});
    summary.rows.push_back(
        {language.tr("Disease duration"),
         patient.symptomOnset
             ? language.trf("{1} years since symptom onset ({2})",
                            {std::to_string(core::ageInYears(*patient.symptomOnset, context.printed)),
                             core::toIsoString(*patient.symptomOnset)})
             : language.tr("symptom onset not recorded")});
    summary.rows.push_back(
        {language.tr("Visits, films"),
         language.trf("{1} visits, {2} spine films",
                      {std::to_string(history.visits.size()), std::to_string(history.films.size())})});
    return summary;
}

std::vector<Block> todaySection(const core::PatientHistory& history, const std::vector<ScoredVisit>& visits,
                                const CourseData& course) {
    const Language& language = course.language;
    std::vector<Block> blocks;
    auto [latest, previous] = lastTwoScored(visits);
    KeyValues today;
    today.rows.push_back(
        {language.tr("Current treatment"), currentTreatmentText(history.treatments, course.today, language)});
    if (latest) {
        const core::VisitScores& s = *latest->scores;
        today.rows.push_back({language.tr("Latest visit"), core::toIsoString(latest->visit->date)});
        today.rows.push_back({"ASDAS-CRP", asdasCell(s.asdasCrp.value, s.asdasCrp.state, false, language)});
        today.rows.push_back(
            {"BASDAI", s.basdai.value ? core::formatBasdai(*s.basdai.value) +
                                            (s.basdai.active ? " " + language.tr("(active disease)") : "")
                                      : s.basdai.reason});
        if (s.bmd)
            today.rows.push_back(
                {language.tr("BMD category"),
                 s.bmd->category ? language.tr(core::label(*s.bmd->category)) : s.bmd->reason});
    } else {
        today.rows.push_back({language.tr("Latest visit"), language.tr("no visit could be scored")});
    }
    if (!course.msasss.empty()) {
        const MsasssPoint& film = course.msasss.back();
        today.rows.push_back({language.tr("mSASSS, latest film"),
                              withDate(film.total ? core::formatFixed(*film.total, 1)
                                                  : language.trf("not computable: {1}", {film.reason}),
                                       film.date)});
    }
    today.rows.push_back({language.tr("Latest film interval"), latestIntervalText(history, course)});
    today.rows.push_back({language.tr("Progression, all films"), progressionVerdict(history, course)});
    blocks.push_back(today);
    if (latest && previous)
        blocks.push_back(changeTable(*latest, *previous, language));
    return blocks;
}

Document buildPatientReport(const core::PatientHistory& history, const core::Settings& settings,
                            const ReportContext& context, const std::vector<core::LscSetting>& deviceLsc) {
    const core::Patient& patient = history.patient;
    const Language& language = context.language;
    auto course = std::make_shared<CourseData>(buildCourseData(history, settings, context.printed, language));
    const std::vector<ScoredVisit> visits = scoreVisits(history, settings);

    Document doc;
    doc.header = pageHeader(context, language.tr("Patient report"));
    doc.header.subject = "ID " + patient.clinicId + " \u00b7 " + patient.name;
    doc.header.subjectDetail = language.trf("born {1}", {core::toIsoString(patient.birth)});

    doc.blocks.push_back(Heading{language.tr("Summary"), 1});
    doc.blocks.push_back(patientSummary(history, context));
    if (!patient.notes.empty())
        doc.blocks.push_back(Paragraph{language.trf("Notes: {1}", {patient.notes}), false});
    doc.blocks.push_back(Heading{language.tr("Today"), 1});
    for (Block& block : todaySection(history, visits, *course))
        doc.blocks.push_back(std::move(block));

    doc.blocks.push_back(Heading{language.tr("Course"), 1});
    for (CourseChart& chart : courseCharts(course))
        doc.blocks.push_back(ChartBlock{std::move(chart.draw), chart.height});

    doc.blocks.push_back(Heading{language.tr("Tables"), 1});
    doc.blocks.push_back(visitTable(visits, language));
    doc.blocks.push_back(treatmentTable(history.treatments, language));
    doc.blocks.push_back(filmTable(history, settings, language));
    doc.blocks.push_back(progressionTable(history, settings, *course));
    if (!history.ctScans.empty()) {  // a research scan most patients never have: no empty tables
        doc.blocks.push_back(ctScanTable(history, settings, language));
        doc.blocks.push_back(ctssProgressionTable(history, settings, language));
    }
    doc.blocks.push_back(bmdTable(visits, language));
    doc.blocks.push_back(bmdChangeTable(history, deviceLsc, language));
    doc.blocks.push_back(labTable(history, language));
    doc.blocks.push_back(signOffTable(history, language));

    if (!course->problems.empty()) {
        doc.blocks.push_back(Heading{language.tr("Problems found in the record"), 2});
        std::string text;
        for (const std::string& p : course->problems)
            text += (text.empty() ? "" : "\n") + p;
        doc.blocks.push_back(Paragraph{text, false});
    }
    doc.keepTogetherFrom = doc.blocks.size();
    doc.blocks.push_back(Heading{language.tr("Notes"), 2});
    doc.blocks.push_back(Paragraph{rulesParagraph(settings, language), true});
    doc.blocks.push_back(Heading{language.tr("Reviewed"), 2});
    doc.blocks.push_back(
        SignatureLines{{language.tr("Reviewed by (name)"), language.tr("Signature"), language.tr("Date")}});
    return doc;
}

}  // namespace ankylos::report
