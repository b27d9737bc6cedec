#include <map>

#include "core/format.h"
#include "core/validation.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

const char* const kDash = "\u2013";

std::string asdasText(const core::AsdasResult& result, const Language& language) {
    if (!result.value)
        return kDash;
    return core::formatAsdas(*result.value) + " " + language.tr(core::shortLabel(*result.state));
}

std::string categoryText(const core::BmdClassification& bmd, const Language& language) {
    if (!bmd.category)
        return bmd.reason.empty() ? language.tr("not computable") : bmd.reason;
    std::string text = language.tr(core::label(*bmd.category));
    if (bmd.basis)
        text += " (" + core::toString(*bmd.basis) + ")";
    return text;
}

std::string rangeText(const core::ReferenceAssessment& a, const Language& language) {
    if (!a.lower && !a.upper)
        return language.tr("none configured");
    if (a.lower && a.upper)
        return core::formatNumber(*a.lower) + "\u2013" + core::formatNumber(*a.upper) + " " + a.unit;
    if (a.upper)
        return "\u2264 " + core::formatNumber(*a.upper) + " " + a.unit;
    return "\u2265 " + core::formatNumber(*a.lower) + " " + a.unit;
}

/// A segment's score with the sites imputed for it (docs/methods.md 1.3), or why it is missing.
std::string segmentText(const core::SegmentScore& segment, const Language& language) {
    if (!segment.value)
        return segment.reason.empty() ? language.tr("not computable")
                                      : language.trf("not computable: {1}", {segment.reason});
    std::string text = core::formatFixed(*segment.value, 1);
    if (segment.imputed > 0)
        text += " " + language.trf("({1} imputed)", {std::to_string(segment.imputed)});
    return text;
}

/// Sites imputed per segment in a film's computable readings: "C 1, L 0"; readers who differ are
/// listed in turn ("C 1, L 0 / C 0, L 2"); "not computable" when no reading is.
std::string imputedText(const core::FilmScore& score, const Language& language) {
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
        return language.tr("not computable");
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
TableCell pairVerdict(const core::ProgressionResult& pair, const Language& language) {
    std::string text;
    if (pair.progression) {
        text = language.trf("progression ({1})", {criteriaText(pair.criteria, language)});
    } else {
        text = pair.unitsCriterion ? language.tr("no progression")
                                   : language.tr("mSASSS change not assessable, no new syndesmophyte");
    }
    if (!pair.note.empty())
        text += ": " + pair.note;
    return {text, pair.progression || !pair.unitsCriterion};
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

Table visitTable(const std::vector<ScoredVisit>& visits, const Language& language) {
    Table table;
    table.caption = language.tr("Visits");
    table.header = {language.tr("Date"), "BASDAI", "ASDAS-CRP", "ASDAS-ESR", "BASFI", "BASMI", "CRP", "ESR",
                    language.tr("Notes")};
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
            row.push_back({asdasText(sc.asdasCrp, language),
                           sc.asdasCrp.state && *sc.asdasCrp.state >= core::AsdasState::High});
            row.push_back({asdasText(sc.asdasEsr, language),
                           sc.asdasEsr.state && *sc.asdasEsr.state >= core::AsdasState::High});
            row.push_back({orDash(sc.basfi.value, 1)});
            row.push_back({orDash(sc.basmi.value, 1)});
        } else {
            for (int i = 0; i < 5; ++i)
                row.push_back({language.tr("not scored"), true});
        }
        row.push_back({crp ? labValueText(*crp) : kDash});
        row.push_back({esr ? labValueText(*esr) : kDash});
        row.push_back({s.problem.empty() ? v.notes : s.problem, !s.problem.empty()});
        table.rows.push_back(row);
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no visits recorded")}});
    return table;
}

Table filmTable(const core::PatientHistory& history, const core::Settings& settings,
                const Language& language) {
    Table table;
    table.caption = language.tr("Spine radiographs (mSASSS)");
    table.header = {language.tr("Film date"), language.tr("Reader"),        language.tr("Cervical"),
                    language.tr("Lumbar"),    language.tr("Reading total"), language.tr("Film score")};
    table.columnWeights = {1.1, 1.2, 1.6, 1.6, 2.0, 2.0};
    table.numeric = {false, false, true, true, true, true};
    for (const core::Film& film : history.films) {
        core::FilmScore score = core::scoreFilm(film, settings.msasss);
        std::string filmText = score.value ? core::formatFixed(*score.value, 1) : score.reason;
        if (film.readings.empty())
            table.rows.push_back(
                {{core::toIsoString(film.date)}, {language.tr("no readings")}, {}, {}, {}, {filmText}});
        for (std::size_t r = 0; r < film.readings.size(); ++r) {
            const core::MsasssScore& rs = score.readingScores[r];
            table.rows.push_back({{r == 0 ? core::toIsoString(film.date) : ""},
                                  {film.readings[r].reader},
                                  {segmentText(rs.cervical, language), !rs.cervical.value},
                                  {segmentText(rs.lumbar, language), !rs.lumbar.value},
                                  {rs.total ? core::formatFixed(*rs.total, 1) : rs.reason, !rs.total},
                                  {r == 0 ? filmText : "", r == 0 && !score.value}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no spine radiographs recorded")}});
    return table;
}

Table progressionTable(const core::PatientHistory& history, const core::Settings& settings,
                       const CourseData& course) {
    const Language& language = course.language;
    Table table;
    table.caption = language.trf(
        "Progression review (every consecutive pair of films, then first to last); "
        "TNF/IL-17 inhibitor: share of the interval on the drug, exposed at {1} or more",
        {exposedShareText(settings.treatment)});
    table.header = {language.tr("Films"),
                    language.tr("Years"),
                    language.tr("Change"),
                    language.tr("Rate/yr"),
                    language.tr("Site events"),
                    language.tr("Imputed sites"),
                    language.tr("TNF/IL-17 inhibitor"),
                    language.tr("Verdict")};
    table.columnWeights = {1.2, 0.7, 0.8, 0.9, 1.6, 1.2, 1.9, 2.3};
    table.numeric = {false, true, true, true, false, false, false, false};
    for (const core::ProgressionResult& pair : course.progression) {
        const core::Film* from = filmOn(history, pair.from);
        const core::Film* to = filmOn(history, pair.to);
        std::string imputed = from && to ? imputedText(core::scoreFilm(*from, settings.msasss), language) +
                                               " \u2192 " +
                                               imputedText(core::scoreFilm(*to, settings.msasss), language)
                                         : kDash;
        const std::string notComputable = language.tr("not computable");
        table.rows.push_back({{core::toIsoString(pair.from) + "\n\u2192 " + core::toIsoString(pair.to)},
                              {core::formatFixed(pair.intervalYears, 2)},
                              {pair.change ? signedText(*pair.change, 1) : notComputable, !pair.change},
                              {pair.ratePerYear ? signedText(*pair.ratePerYear, 2) : notComputable},
                              {siteEventsText(pair.events, language), pair.events.regressions > 0},
                              {imputed},
                              biologicExposureCell(history.treatments, pair.from, pair.to, course.today,
                                                   settings.treatment, language),
                              pairVerdict(pair, language)});
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("fewer than two films: no progression review")}});
    return table;
}

Table bmdTable(const std::vector<ScoredVisit>& visits, const Language& language) {
    Table table;
    table.caption = language.tr("Bone mineral density (DXA)");
    table.header = {language.tr("Date"),   language.tr("Site"),     "BMD g/cm\u00b2",     "T", "Z",
                    language.tr("Device"), language.tr("Category"), language.tr("Caveat")};
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
                                  {language.tr(core::label(bmd.site))},
                                  {core::formatFixed(bmd.bmd, 3)},
                                  {orDash(bmd.tScore, 1)},
                                  {orDash(bmd.zScore, 1)},
                                  {core::deviceText(bmd.device)},
                                  {m == 0 ? categoryText(c, language) : "",
                                   m == 0 && c.category && *c.category == core::BmdCategory::Osteoporosis},
                                  {caveat, flagged}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no DXA scans recorded")}});
    return table;
}

Table bmdChangeTable(const core::PatientHistory& history, const std::vector<core::LscSetting>& deviceLsc,
                     const Language& language) {
    Table table;
    table.caption =
        language.tr("BMD change between scans, g/cm\u00b2, against the least significant change (LSC)");
    table.header = {language.tr("Site"),   language.tr("From"),   language.tr("To"),
                    language.tr("Device"), language.tr("Change"), "LSC",
                    language.tr("Verdict")};
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
                                                         core::deviceText(m.device) + " " +
                                                         language.tr("(device changed)")
                                                   : core::deviceText(m.device);
                try {
                    core::BmdChange c =
                        core::compareBmd(before->second.first, earlier, visit.date, m, deviceLsc);
                    std::string verdict = !c.significant   ? language.tr("significance unknown")
                                          : *c.significant ? language.tr("significant change")
                                                           : language.tr("not significant");
                    // The note of an unknown significance starts with those words already.
                    if (!c.note.empty())
                        verdict = c.note.rfind(verdict, 0) == 0 ? c.note : verdict + " (" + c.note + ")";
                    table.rows.push_back({{language.tr(core::label(m.site))},
                                          {core::toIsoString(c.from)},
                                          {core::toIsoString(c.to)},
                                          {device, deviceChanged},
                                          {signedText(c.delta, 3)},
                                          {c.lsc ? core::formatFixed(*c.lsc, 3) : language.tr("none")},
                                          {verdict, c.significant.value_or(false)}});
                } catch (const core::ValidationError& e) {
                    table.rows.push_back({{language.tr(core::label(m.site))},
                                          {core::toIsoString(before->second.first)},
                                          {core::toIsoString(visit.date)},
                                          {device, deviceChanged},
                                          {language.tr("not computable")},
                                          {},
                                          {e.what(), true}});
                }
            }
            last[m.site] = {visit.date, &m};
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("fewer than two scans of one site: no change to show")}});
    return table;
}

Table labTable(const core::PatientHistory& history, const Language& language) {
    Table table;
    table.caption =
        language.tr("Laboratory values (each analyte in one unit; values entered otherwise are converted)");
    table.header = {language.tr("Date"),       language.tr("Analyte"), language.tr("Value"),
                    language.tr("As entered"), language.tr("Assay"),   language.tr("Reference range"),
                    language.tr("Flag")};
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
                range = rangeText(a, language);
                flag = language.tr(core::label(a.flag));
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
                                  {language.tr(core::toString(lab.analyte))},
                                  {labValueText(lab), alert},
                                  {converted ? entered : ""},
                                  {lab.assay.empty() ? language.tr("not recorded") : lab.assay},
                                  {range},
                                  {flag, alert}});
        }
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no laboratory values recorded")}});
    return table;
}

/// Who signed which visit or reading, and whether the signature still covers the record as it is.
Table signOffTable(const core::PatientHistory& history, const Language& language) {
    Table table;
    table.caption = language.tr("Sign-off");
    table.header = {language.tr("Record"),          language.tr("Date"),    language.tr("Signed by"),
                    language.tr("Signed at (UTC)"), language.tr("Meaning"), language.tr("Status")};
    table.columnWeights = {1.4, 1.2, 2.2, 1.8, 1.5, 2.7};
    for (const core::SignOff& s : history.signOffs) {
        const bool visit = s.record == core::SignOff::Record::Visit;
        std::string at =
            s.signedAt.size() >= 16 ? s.signedAt.substr(0, 10) + " " + s.signedAt.substr(11, 5) : s.signedAt;
        table.rows.push_back(
            {{visit ? language.tr("visit") : language.trf("reading by {1}", {s.reader})},
             {core::toIsoString(s.date)},
             {s.signer + " " +
              (s.passwordConfirmed ? language.tr("(password confirmed)") : language.tr("(name only)"))},
             {at},
             {language.tr(s.meaning)},
             {s.current ? language.tr("current")
                        : language.tr("changed after signing: needs a new signature"),
              !s.current}});
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("no visit or reading has been signed")}});
    return table;
}

}  // namespace ankylos::report
