#include "report/patient_report.h"

#include <memory>

#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"

namespace ankylos::report {
namespace {

std::string orDash(const std::optional<double>& value, int decimals) {
    if (!value)
        return "\u2013";
    std::string text = core::formatFixed(*value, decimals);
    // -0.04 shown with 1 decimal is 0.0, not "-0.0".
    if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-')
        text.erase(0, 1);
    return text;
}

std::string sexName(core::Sex sex) {
    return sex == core::Sex::Male ? "male" : "female";
}

std::string stateText(const std::optional<core::AsdasState>& state) {
    if (!state)
        return "";
    switch (*state) {
        case core::AsdasState::Inactive:
            return "inactive";
        case core::AsdasState::Low:
            return "low";
        case core::AsdasState::High:
            return "high";
        case core::AsdasState::VeryHigh:
            return "very high";
    }
    return "";
}

std::string asdasText(const core::AsdasResult& result) {
    if (!result.value)
        return "\u2013";
    return core::formatFixed(*result.value, core::kAsdasDisplayDecimals) + " " + stateText(result.state);
}

std::string categoryText(const core::BmdClassification& bmd) {
    if (!bmd.category)
        return bmd.reason.empty() ? "not computable" : bmd.reason;
    std::string text = core::toString(*bmd.category);
    for (char& c : text)
        if (c == '_')
            c = ' ';
    if (bmd.basis)
        text += " (" + core::toString(*bmd.basis) + ")";
    return text;
}

std::string labValueText(const core::LabValue& lab) {
    return (lab.belowDetectionLimit ? "< " : "") + core::formatNumber(lab.value) + " " + lab.unit;
}

std::string rangeText(const core::ReferenceAssessment& a) {
    if (!a.lower && !a.upper)
        return "none configured";
    if (a.lower && a.upper)
        return core::formatNumber(*a.lower) + "\u2013" + core::formatNumber(*a.upper) + " " + a.unit;
    if (a.upper)
        return "\u2264 " + core::formatNumber(*a.upper) + " " + a.unit;
    return "\u2265 " + core::formatNumber(*a.lower) + " " + a.unit;
}

std::string verdict(const core::PatientHistory& history, const std::shared_ptr<CourseData>& course) {
    if (history.films.size() < 2)
        return "not assessable: " + std::to_string(history.films.size()) + " spine film(s), two are needed";
    if (course->progression.empty())
        return "not assessable (see problems)";
    if (!course->progressor)
        return "no progression detected across " + std::to_string(history.films.size()) + " films";
    for (const core::ProgressionResult& pair : course->progression) {
        if (!pair.progression)
            continue;
        std::vector<std::string> criteria;
        for (core::ProgressionCriterion c : pair.criteria)
            criteria.push_back(c == core::ProgressionCriterion::Units ? "mSASSS units" : "new syndesmophyte");
        std::string text = "progressor: " + core::joinNames(criteria) + ", " + core::toIsoString(pair.from) +
                           " to " + core::toIsoString(pair.to);
        if (pair.change)
            text += " (" + std::string(*pair.change > 0 ? "+" : "") + core::formatFixed(*pair.change, 1) +
                    " mSASSS in " + core::formatFixed(pair.intervalYears, 1) + " years)";
        return text;
    }
    return "progressor";
}

/// Who signed which visit or reading, and whether the signature still covers the record as it is.
Table signOffTable(const core::PatientHistory& history) {
    Table table;
    table.caption = "Sign-off";
    table.header = {"Record", "Date", "Signed by", "Signed at (UTC)", "Meaning", "Status"};
    table.columnWeights = {1.7, 1.0, 2.3, 1.5, 1.5, 2.0};
    for (const core::SignOff& s : history.signOffs) {
        const bool visit = s.record == core::SignOff::Record::Visit;
        std::string at =
            s.signedAt.size() >= 16 ? s.signedAt.substr(0, 10) + " " + s.signedAt.substr(11, 5) : s.signedAt;
        table.rows.push_back(
            {{visit ? "visit" : "reading by " + s.reader},
             {core::toIsoString(s.date)},
             {s.signer + (s.passwordConfirmed ? " (password confirmed)" : " (name only)")},
             {at},
             {s.meaning},
             {s.current ? "current" : "changed after signing: needs a new signature", !s.current}});
    }
    if (table.rows.empty())
        table.rows.push_back({{"no visit or reading has been signed"}});
    return table;
}

}  // namespace

Document buildPatientReport(const core::PatientHistory& history, const core::Settings& settings,
                            const ReportContext& context) {
    const core::Patient& patient = history.patient;
    auto course = std::make_shared<CourseData>(buildCourseData(history, settings));

    Document doc;
    doc.header.clinicName = context.style.clinicName;
    doc.header.title = "Patient report";
    doc.header.subject = "ID " + patient.clinicId + " \u00b7 " + patient.name;
    doc.header.subjectDetail = "born " + core::toIsoString(patient.birth);
    doc.header.printedDate = core::toIsoString(context.printed);

    // Scores of every valid visit, computed once for the summary and the tables.
    struct Scored {
        const core::Visit* visit;
        std::optional<core::VisitScores> scores;
        std::string problem;
    };
    std::vector<Scored> visits;
    for (const core::Visit& visit : history.visits) {
        Scored s{&visit, std::nullopt, ""};
        try {
            s.scores = core::scoreVisit(patient, visit, history.films, settings);
        } catch (const core::ValidationError& e) {
            s.problem = e.what();
        }
        visits.push_back(std::move(s));
    }
    auto latest = [&](auto pick) -> std::string {
        for (auto it = visits.rbegin(); it != visits.rend(); ++it)
            if (it->scores) {
                std::string text = pick(*it->scores);
                if (!text.empty())
                    return withDate(text, it->visit->date);
            }
        return "\u2013";
    };

    doc.blocks.push_back(Heading{"Summary", 1});
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
    summary.rows.push_back({"BASDAI", latest([](const core::VisitScores& s) {
                                return s.basdai.value
                                           ? core::formatFixed(*s.basdai.value, core::kBasdaiDisplayDecimals)
                                           : std::string();
                            })});
    summary.rows.push_back({"ASDAS-CRP", latest([](const core::VisitScores& s) {
                                return s.asdasCrp.value ? asdasText(s.asdasCrp) : std::string();
                            })});
    summary.rows.push_back({"BASFI", latest([](const core::VisitScores& s) {
                                return s.basfi.value ? core::formatFixed(*s.basfi.value, 1) : std::string();
                            })});
    summary.rows.push_back({"BASMI", latest([](const core::VisitScores& s) {
                                return s.basmi.value ? core::formatFixed(*s.basmi.value, 1) : std::string();
                            })});
    summary.rows.push_back({"BMD category", latest([](const core::VisitScores& s) {
                                return s.bmd ? categoryText(*s.bmd) : std::string();
                            })});
    summary.rows.push_back({"mSASSS", course->msasss.empty() || !course->msasss.back().total
                                          ? std::string("\u2013")
                                          : withDate(core::formatFixed(*course->msasss.back().total, 1),
                                                     course->msasss.back().date)});
    summary.rows.push_back({"Progression", verdict(history, course)});
    doc.blocks.push_back(summary);
    if (!patient.notes.empty())
        doc.blocks.push_back(Paragraph{"Notes: " + patient.notes, false});

    doc.blocks.push_back(Heading{"Course", 1});
    for (CourseChart& chart : courseCharts(course))
        doc.blocks.push_back(ChartBlock{std::move(chart.draw), chart.height});

    doc.blocks.push_back(Heading{"Tables", 1});
    Table visitTable;
    visitTable.caption = "Visits";
    visitTable.header = {"Date", "BASDAI", "ASDAS-CRP", "ASDAS-ESR", "BASFI", "BASMI", "CRP", "ESR", "Notes"};
    visitTable.columnWeights = {1.3, 0.8, 1.6, 1.6, 0.7, 0.7, 1.0, 1.0, 2.3};
    for (const Scored& s : visits) {
        const core::Visit& v = *s.visit;
        const core::LabValue* crp = v.lab(core::Analyte::Crp);
        const core::LabValue* esr = v.lab(core::Analyte::Esr);
        std::vector<TableCell> row{{core::toIsoString(v.date)}};
        if (s.scores) {
            const core::VisitScores& sc = *s.scores;
            row.push_back({orDash(sc.basdai.value, core::kBasdaiDisplayDecimals), sc.basdai.active});
            row.push_back(
                {asdasText(sc.asdasCrp), sc.asdasCrp.state && *sc.asdasCrp.state >= core::AsdasState::High});
            row.push_back(
                {asdasText(sc.asdasEsr), sc.asdasEsr.state && *sc.asdasEsr.state >= core::AsdasState::High});
            row.push_back({orDash(sc.basfi.value, 1)});
            row.push_back({orDash(sc.basmi.value, 1)});
        } else {
            for (int i = 0; i < 5; ++i)
                row.push_back({"not scored", true});
        }
        row.push_back({crp ? labValueText(*crp) : "\u2013"});
        row.push_back({esr ? labValueText(*esr) : "\u2013"});
        row.push_back({s.problem.empty() ? v.notes : s.problem, !s.problem.empty()});
        visitTable.rows.push_back(row);
    }
    if (visitTable.rows.empty())
        visitTable.rows.push_back({{"no visits recorded"}});
    doc.blocks.push_back(visitTable);

    Table filmTable;
    filmTable.caption = "Spine radiographs (mSASSS)";
    filmTable.header = {"Film date", "Reader", "Cervical", "Lumbar", "Reading total", "Film score"};
    filmTable.columnWeights = {1.2, 1.4, 1, 1, 2.2, 2.2};
    for (const core::Film& film : history.films) {
        core::FilmScore score = core::scoreFilm(film, settings.msasss);
        std::string filmText = score.value ? core::formatFixed(*score.value, 1) : score.reason;
        if (film.readings.empty())
            filmTable.rows.push_back(
                {{core::toIsoString(film.date)}, {"no readings"}, {}, {}, {}, {filmText}});
        for (std::size_t r = 0; r < film.readings.size(); ++r) {
            const core::MsasssScore& rs = score.readingScores[r];
            filmTable.rows.push_back({{r == 0 ? core::toIsoString(film.date) : ""},
                                      {film.readings[r].reader},
                                      {orDash(rs.cervical.value, 1)},
                                      {orDash(rs.lumbar.value, 1)},
                                      {rs.total ? core::formatFixed(*rs.total, 1) : rs.reason},
                                      {r == 0 ? filmText : ""}});
        }
    }
    if (filmTable.rows.empty())
        filmTable.rows.push_back({{"no spine radiographs recorded"}});
    doc.blocks.push_back(filmTable);

    Table review;
    review.caption = "Progression review";
    review.header = {"From", "To", "Years", "Change", "Rate/yr", "New synd.", "Verdict"};
    review.columnWeights = {1.2, 1.2, 0.7, 0.9, 0.8, 0.8, 4.0};
    for (const core::ProgressionResult& pair : course->progression) {
        std::vector<std::string> criteria;
        for (core::ProgressionCriterion c : pair.criteria)
            criteria.push_back(core::toString(c));
        std::string text =
            pair.progression ? "progression (" + core::joinNames(criteria) + ")" : "no progression";
        if (!pair.note.empty())
            text += ": " + pair.note;
        review.rows.push_back(
            {{core::toIsoString(pair.from)},
             {core::toIsoString(pair.to)},
             {core::formatFixed(pair.intervalYears, 2)},
             {pair.change ? (*pair.change > 0 ? "+" : "") + core::formatFixed(*pair.change, 1) : "\u2013"},
             {orDash(pair.ratePerYear, 2)},
             {std::to_string(pair.events.newSyndesmophytes)},
             {text, pair.progression}});
    }
    if (review.rows.empty())
        review.rows.push_back({{"fewer than two films: no progression review"}});
    doc.blocks.push_back(review);

    Table bmdTable;
    bmdTable.caption = "Bone mineral density (DXA)";
    bmdTable.header = {"Date", "Site", "BMD g/cm\u00b2", "T-score", "Z-score", "Category", "Caveat"};
    bmdTable.columnWeights = {1.1, 1.1, 0.9, 0.7, 0.7, 2.0, 2.5};
    for (const Scored& s : visits) {
        if (!s.scores || !s.scores->bmd)
            continue;
        const core::BmdClassification& c = *s.scores->bmd;
        for (std::size_t m = 0; m < s.visit->bmd.size(); ++m) {
            const core::BmdMeasurement& bmd = s.visit->bmd[m];
            bool lumbar = bmd.site == core::BmdSite::LumbarSpine;
            // The note already names the flag ("... lumbar spine BMD possibly falsely elevated ...").
            std::string caveat;
            if (lumbar && !c.lumbarFlag.empty())
                caveat = c.note.empty() ? c.lumbarFlag : c.note;
            bmdTable.rows.push_back({{m == 0 ? core::toIsoString(s.visit->date) : ""},
                                     {core::toString(bmd.site)},
                                     {core::formatFixed(bmd.bmd, 3)},
                                     {orDash(bmd.tScore, 1)},
                                     {orDash(bmd.zScore, 1)},
                                     {m == 0 ? categoryText(c) : "",
                                      m == 0 && c.category && *c.category == core::BmdCategory::Osteoporosis},
                                     {caveat, lumbar && !c.lumbarFlag.empty()}});
        }
    }
    if (bmdTable.rows.empty())
        bmdTable.rows.push_back({{"no DXA scans recorded"}});
    doc.blocks.push_back(bmdTable);

    Table labTable;
    labTable.caption = "Laboratory values";
    labTable.header = {"Date", "Analyte", "Value", "Assay", "Reference range", "Flag"};
    labTable.columnWeights = {1.1, 1.0, 1.4, 1.6, 1.6, 1.2};
    for (const core::Visit& visit : history.visits) {
        for (const core::LabValue& lab : visit.labs) {
            std::string range, flag;
            bool alert = false;
            try {
                core::ReferenceAssessment a =
                    core::assessReference(lab, patient.sex, patient.birth, core::defaultReferenceRanges());
                range = rangeText(a);
                flag = core::toString(a.flag);
                for (char& ch : flag)
                    if (ch == '_')
                        ch = ' ';
                alert = a.flag == core::ReferenceFlag::High || a.flag == core::ReferenceFlag::Low;
                if (alert)
                    flag = (a.flag == core::ReferenceFlag::High ? "\u25b2 " : "\u25bc ") + flag;
            } catch (const core::ValidationError& e) {
                flag = e.what();
                alert = true;
            }
            labTable.rows.push_back({{core::toIsoString(lab.sampleDate)},
                                     {core::toString(lab.analyte)},
                                     {labValueText(lab), alert},
                                     {lab.assay.empty() ? "not recorded" : lab.assay},
                                     {range},
                                     {flag, alert}});
        }
    }
    if (labTable.rows.empty())
        labTable.rows.push_back({{"no laboratory values recorded"}});
    doc.blocks.push_back(labTable);
    doc.blocks.push_back(signOffTable(history));

    if (!course->problems.empty()) {
        doc.blocks.push_back(Heading{"Problems found in the record", 2});
        std::string text;
        for (const std::string& p : course->problems)
            text += (text.empty() ? "" : "\n") + p;
        doc.blocks.push_back(Paragraph{text, false});
    }
    doc.blocks.push_back(Heading{"Notes", 2});
    doc.blocks.push_back(Paragraph{rulesParagraph(settings), true});
    return doc;
}

}  // namespace ankylos::report
