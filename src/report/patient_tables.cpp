#include <map>

#include "core/format.h"
#include "core/validation.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

const char* const kDash = "\u2013";

std::string asdasText(const core::AsdasResult& result) {
    if (!result.value)
        return kDash;
    return core::formatAsdas(*result.value) + " " + core::shortLabel(*result.state);
}

std::string categoryText(const core::BmdClassification& bmd) {
    if (!bmd.category)
        return bmd.reason.empty() ? "not computable" : bmd.reason;
    std::string text = core::label(*bmd.category);
    if (bmd.basis)
        text += " (" + core::toString(*bmd.basis) + ")";
    return text;
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

/// A segment's score with the sites imputed for it (docs/methods.md 1.3), or why it is missing.
std::string segmentText(const core::SegmentScore& segment) {
    if (!segment.value)
        return segment.reason.empty() ? "not computable" : "not computable: " + segment.reason;
    std::string text = core::formatFixed(*segment.value, 1);
    if (segment.imputed > 0)
        text += " (" + std::to_string(segment.imputed) + " imputed)";
    return text;
}

/// Sites imputed per segment in a film's computable readings: "C 1, L 0"; readers who differ are
/// listed in turn ("C 1, L 0 / C 0, L 2"); "not computable" when no reading is.
std::string imputedText(const core::FilmScore& score) {
    std::vector<std::string> seen;
    for (const core::MsasssScore& reading : score.readingScores) {
        if (!reading.total)
            continue;
        std::string text =
            "C " + std::to_string(reading.cervical.imputed) + ", L " + std::to_string(reading.lumbar.imputed);
        if (std::find(seen.begin(), seen.end(), text) == seen.end())
            seen.push_back(text);
    }
    if (seen.empty())
        return "not computable";
    std::string joined;
    for (const std::string& s : seen)
        joined += (joined.empty() ? "" : " / ") + s;
    return joined;
}

const core::Film* filmOn(const core::PatientHistory& history, core::Date date) {
    for (const core::Film& film : history.films)
        if (film.date == date)
            return &film;
    return nullptr;
}

/// The verdict of one film pair: progression and the criteria that fired, or why not, in words.
TableCell pairVerdict(const core::ProgressionResult& pair) {
    std::string text;
    if (pair.progression) {
        text = "progression (" + core::label(pair.criteria) + ")";
    } else {
        text = pair.unitsCriterion ? "no progression" : "mSASSS change not assessable, no new syndesmophyte";
    }
    if (!pair.note.empty())
        text += ": " + pair.note;
    return {text, pair.progression || !pair.unitsCriterion};
}

/// docs/methods.md 1.4-1.5: the counts every result states.
std::string siteEventsText(const core::FilmComparison& events) {
    auto count = [](int n, const std::string& one, const std::string& many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    return count(events.newSyndesmophytes, "new syndesmophyte", "new syndesmophytes") + ", " +
           count(events.newBridgings, "new bridging", "new bridgings") + ", " +
           count(events.regressions, "regression", "regressions");
}

}  // namespace

std::string orDash(const std::optional<double>& value, int decimals) {
    if (!value)
        return kDash;
    std::string text = core::formatFixed(*value, decimals);
    // -0.04 shown with 1 decimal is 0.0, not "-0.0".
    if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-')
        text.erase(0, 1);
    return text;
}

std::string signedText(double value, int decimals) {
    std::string text = orDash(value, decimals);
    return (text.find_first_not_of("0.") != std::string::npos && value > 0 ? "+" : "") + text;
}

std::string labValueText(const core::LabValue& lab) {
    const std::optional<double> factor = core::unitFactor(lab.analyte, lab.unit);
    if (!factor)  // not convertible: shown as entered (the visit's problems say why)
        return (lab.belowDetectionLimit ? "< " : "") + core::formatNumber(lab.value) + " " + lab.unit;
    const double shown = lab.belowDetectionLimit && lab.detectionLimit ? *lab.detectionLimit : lab.value;
    return (lab.belowDetectionLimit ? "< " : "") + core::formatNumber(shown * *factor) + " " +
           core::canonicalUnit(lab.analyte);
}

Table visitTable(const std::vector<ScoredVisit>& visits) {
    Table table;
    table.caption = "Visits";
    table.header = {"Date", "BASDAI", "ASDAS-CRP", "ASDAS-ESR", "BASFI", "BASMI", "CRP", "ESR", "Notes"};
    table.columnWeights = {1.2, 1.0, 1.6, 1.6, 0.8, 0.8, 1.1, 1.0, 2.0};
    table.numeric = {false, true, false, false, true, true, true, true, false};
    for (const ScoredVisit& s : visits) {
        const core::Visit& v = *s.visit;
        const core::LabValue* crp = v.lab(core::Analyte::Crp);
        const core::LabValue* esr = v.lab(core::Analyte::Esr);
        std::vector<TableCell> row{{core::toIsoString(v.date)}};
        if (s.scores) {
            const core::VisitScores& sc = *s.scores;
            row.push_back({sc.basdai.value ? core::formatBasdai(*sc.basdai.value) : kDash, sc.basdai.active});
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
        row.push_back({crp ? labValueText(*crp) : kDash});
        row.push_back({esr ? labValueText(*esr) : kDash});
        row.push_back({s.problem.empty() ? v.notes : s.problem, !s.problem.empty()});
        table.rows.push_back(row);
    }
    if (table.rows.empty())
        table.rows.push_back({{"no visits recorded"}});
    return table;
}

Table filmTable(const core::PatientHistory& history, const core::Settings& settings) {
    Table table;
    table.caption = "Spine radiographs (mSASSS)";
    table.header = {"Film date", "Reader", "Cervical", "Lumbar", "Reading total", "Film score"};
    table.columnWeights = {1.1, 1.2, 1.6, 1.6, 2.0, 2.0};
    table.numeric = {false, false, true, true, true, true};
    for (const core::Film& film : history.films) {
        core::FilmScore score = core::scoreFilm(film, settings.msasss);
        std::string filmText = score.value ? core::formatFixed(*score.value, 1) : score.reason;
        if (film.readings.empty())
            table.rows.push_back({{core::toIsoString(film.date)}, {"no readings"}, {}, {}, {}, {filmText}});
        for (std::size_t r = 0; r < film.readings.size(); ++r) {
            const core::MsasssScore& rs = score.readingScores[r];
            table.rows.push_back({{r == 0 ? core::toIsoString(film.date) : ""},
                                  {film.readings[r].reader},
                                  {segmentText(rs.cervical), !rs.cervical.value},
                                  {segmentText(rs.lumbar), !rs.lumbar.value},
                                  {rs.total ? core::formatFixed(*rs.total, 1) : rs.reason, !rs.total},
                                  {r == 0 ? filmText : "", r == 0 && !score.value}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{"no spine radiographs recorded"}});
    return table;
}

Table progressionTable(const core::PatientHistory& history, const core::Settings& settings,
                       const CourseData& course) {
    Table table;
    table.caption =
        "Progression review (every consecutive pair of films, then first to last); TNF/IL-17 "
        "inhibitor: share of the interval on the drug, exposed at " +
        exposedShareText(settings.treatment) + " or more";
    table.header = {
        "Films",  "Years", "Change", "Rate/yr", "Site events", "Imputed sites", "TNF/IL-17 inhibitor",
        "Verdict"};
    table.columnWeights = {1.2, 0.7, 0.8, 0.9, 1.6, 1.2, 1.9, 2.3};
    table.numeric = {false, true, true, true, false, false, false, false};
    for (const core::ProgressionResult& pair : course.progression) {
        const core::Film* from = filmOn(history, pair.from);
        const core::Film* to = filmOn(history, pair.to);
        std::string imputed = from && to ? imputedText(core::scoreFilm(*from, settings.msasss)) + " \u2192 " +
                                               imputedText(core::scoreFilm(*to, settings.msasss))
                                         : kDash;
        const std::string notComputable = "not computable";
        table.rows.push_back(
            {{core::toIsoString(pair.from) + "\n\u2192 " + core::toIsoString(pair.to)},
             {core::formatFixed(pair.intervalYears, 2)},
             {pair.change ? signedText(*pair.change, 1) : notComputable, !pair.change},
             {pair.ratePerYear ? signedText(*pair.ratePerYear, 2) : notComputable},
             {siteEventsText(pair.events), pair.events.regressions > 0},
             {imputed},
             biologicExposureCell(history.treatments, pair.from, pair.to, course.today, settings.treatment),
             pairVerdict(pair)});
    }
    if (table.rows.empty())
        table.rows.push_back({{"fewer than two films: no progression review"}});
    return table;
}

Table bmdTable(const std::vector<ScoredVisit>& visits) {
    Table table;
    table.caption = "Bone mineral density (DXA)";
    table.header = {"Date", "Site", "BMD g/cm\u00b2", "T", "Z", "Device", "Category", "Caveat"};
    table.columnWeights = {1.1, 1.0, 0.9, 0.5, 0.5, 1.3, 1.8, 2.4};
    table.numeric = {false, false, true, true, true, false, false, false};
    for (const ScoredVisit& s : visits) {
        if (!s.scores || !s.scores->bmd)
            continue;
        const core::BmdClassification& c = *s.scores->bmd;
        for (std::size_t m = 0; m < s.visit->bmd.size(); ++m) {
            const core::BmdMeasurement& bmd = s.visit->bmd[m];
            bool flagged = bmd.site == core::BmdSite::LumbarSpine && !c.lumbarFlag.empty();
            // The note already names the flag ("... lumbar spine BMD possibly falsely elevated ...").
            std::string caveat = flagged ? (c.note.empty() ? c.lumbarFlag : c.note) : "";
            table.rows.push_back({{m == 0 ? core::toIsoString(s.visit->date) : ""},
                                  {core::label(bmd.site)},
                                  {core::formatFixed(bmd.bmd, 3)},
                                  {orDash(bmd.tScore, 1)},
                                  {orDash(bmd.zScore, 1)},
                                  {core::deviceText(bmd.device)},
                                  {m == 0 ? categoryText(c) : "",
                                   m == 0 && c.category && *c.category == core::BmdCategory::Osteoporosis},
                                  {caveat, flagged}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{"no DXA scans recorded"}});
    return table;
}

Table bmdChangeTable(const core::PatientHistory& history, const std::vector<core::LscSetting>& deviceLsc) {
    Table table;
    table.caption = "BMD change between scans, g/cm\u00b2, against the least significant change (LSC)";
    table.header = {"Site", "From", "To", "Device", "Change", "LSC", "Verdict"};
    table.columnWeights = {1.0, 1.2, 1.2, 2.0, 0.9, 0.8, 2.8};  // dates on one line
    table.numeric = {false, false, false, false, true, true, false};
    std::map<core::BmdSite, std::pair<core::Date, const core::BmdMeasurement*>> last;
    for (const core::Visit& visit : history.visits) {
        for (const core::BmdMeasurement& m : visit.bmd) {
            auto before = last.find(m.site);
            if (before != last.end() && before->second.first < visit.date) {
                const core::BmdMeasurement& earlier = *before->second.second;
                const bool deviceChanged = earlier.device != m.device;
                std::string device = deviceChanged ? core::deviceText(earlier.device) + " \u2192 " +
                                                         core::deviceText(m.device) + " (device changed)"
                                                   : core::deviceText(m.device);
                try {
                    core::BmdChange c = core::compareBmd(before->second.first, earlier, visit.date, m, deviceLsc);
                    std::string verdict = !c.significant   ? "significance unknown"
                                          : *c.significant ? "significant change"
                                                           : "not significant";
                    // The note of an unknown significance starts with those words already.
                    if (!c.note.empty())
                        verdict = c.note.rfind(verdict, 0) == 0 ? c.note : verdict + " (" + c.note + ")";
                    table.rows.push_back({{core::label(m.site)},
                                          {core::toIsoString(c.from)},
                                          {core::toIsoString(c.to)},
                                          {device, deviceChanged},
                                          {signedText(c.delta, 3)},
                                          {c.lsc ? core::formatFixed(*c.lsc, 3) : "none"},
                                          {verdict, c.significant.value_or(false)}});
                } catch (const core::ValidationError& e) {
                    table.rows.push_back({{core::label(m.site)},
                                          {core::toIsoString(before->second.first)},
                                          {core::toIsoString(visit.date)},
                                          {device, deviceChanged},
                                          {"not computable"},
                                          {},
                                          {e.what(), true}});
                }
            }
            last[m.site] = {visit.date, &m};
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{"fewer than two scans of one site: no change to show"}});
    return table;
}

Table labTable(const core::PatientHistory& history) {
    Table table;
    table.caption = "Laboratory values (each analyte in one unit; values entered otherwise are converted)";
    table.header = {"Date", "Analyte", "Value", "As entered", "Assay", "Reference range", "Flag"};
    table.columnWeights = {1.1, 0.9, 1.1, 1.1, 1.6, 1.4, 1.2};
    table.numeric = {false, false, true, true, false, false, false};
    const core::Patient& patient = history.patient;
    for (const core::Visit& visit : history.visits) {
        for (const core::LabValue& lab : visit.labs) {
            std::string range, flag;
            bool alert = false;
            try {
                core::ReferenceAssessment a =
                    core::assessReference(lab, patient.sex, patient.birth, core::defaultReferenceRanges());
                range = rangeText(a);
                flag = core::label(a.flag);
                alert = a.flag == core::ReferenceFlag::High || a.flag == core::ReferenceFlag::Low;
                if (alert)
                    flag = (a.flag == core::ReferenceFlag::High ? "\u25b2 " : "\u25bc ") + flag;
            } catch (const core::ValidationError& e) {
                flag = e.what();
                alert = true;
            }
            const bool converted = lab.unit != core::canonicalUnit(lab.analyte);
            std::string entered =
                (lab.belowDetectionLimit ? "< " : "") +
                core::formatNumber(lab.belowDetectionLimit && lab.detectionLimit ? *lab.detectionLimit
                                                                                 : lab.value) +
                " " + lab.unit;
            table.rows.push_back({{core::toIsoString(lab.sampleDate)},
                                  {core::toString(lab.analyte)},
                                  {labValueText(lab), alert},
                                  {converted ? entered : ""},
                                  {lab.assay.empty() ? "not recorded" : lab.assay},
                                  {range},
                                  {flag, alert}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{"no laboratory values recorded"}});
    return table;
}

/// Who signed which visit or reading, and whether the signature still covers the record as it is.
Table signOffTable(const core::PatientHistory& history) {
    Table table;
    table.caption = "Sign-off";
    table.header = {"Record", "Date", "Signed by", "Signed at (UTC)", "Meaning", "Status"};
    table.columnWeights = {1.4, 1.2, 2.2, 1.8, 1.5, 2.7};
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

}  // namespace ankylos::report
